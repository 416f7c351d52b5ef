using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class EnginePropertyTests
{
    private static readonly InstrumentSpec Spec = new();

    private static MatchingEngine NewEngine(SelfTradePrevention engineDefault) =>
        new(Spec, TestMarket.DefaultBand, engineDefault, orderCapacity: 4); // small, so storage growth is exercised too

    private static List<EngineEvent> Run(MatchingEngine engine, IEnumerable<EngineCommand> commands)
    {
        var events = new EngineEventBuffer(capacity: 2);
        var all = new List<EngineEvent>();
        foreach (EngineCommand command in commands)
        {
            events.Clear();
            command.ApplyTo(engine, events);
            all.AddRange(events.Events.ToArray());
        }
        return all;
    }

    [Fact]
    public void Events_agree_with_the_book_after_every_command()
    {
        // Checked by the ledger after each command: the book is never crossed; for each order, filled +
        // open + cancelled = ordered (with amends); no trade between one trader's orders; every fill at the
        // maker's price and within both limits; open orders, depth and best prices match the engine.
        PropertyCheck.ForAll(CommandGenerators.Session, session =>
        {
            MatchingEngine engine = NewEngine(session.EngineDefault);
            var ledger = new OrderLedger();
            var events = new EngineEventBuffer(capacity: 2);
            foreach (EngineCommand command in session.Commands)
            {
                events.Clear();
                command.ApplyTo(engine, events);
                ledger.Record(command, events.Events, engine);
            }
        });
    }

    [Fact]
    public void Same_commands_give_the_same_events()
    {
        PropertyCheck.ForAll(CommandGenerators.Session, session =>
        {
            List<EngineEvent> first = Run(NewEngine(session.EngineDefault), session.Commands);
            List<EngineEvent> second = Run(NewEngine(session.EngineDefault), session.Commands);

            Assert.Equal(first, second);
        });
    }

    [Fact]
    public void Engine_restored_from_a_snapshot_continues_with_the_same_events()
    {
        PropertyCheck.ForAll(CommandGenerators.Session, session =>
        {
            int cut = session.Commands.Length / 2;
            MatchingEngine original = NewEngine(session.EngineDefault);
            Run(original, session.Commands.Take(cut));
            MatchingEngine restored = MatchingEngine.FromSnapshot(Spec, original.ExportSnapshot(), session.EngineDefault);

            List<EngineEvent> expected = Run(original, session.Commands.Skip(cut));
            List<EngineEvent> actual = Run(restored, session.Commands.Skip(cut));

            Assert.Equal(expected, actual);
            Assert.Equal(original.ExportSnapshot().Orders, restored.ExportSnapshot().Orders);
        });
    }
}
