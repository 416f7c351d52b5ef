using BenchmarkDotNet.Attributes;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>
/// Throughput of the matching engine on a mixed order flow (see <see cref="MixedOrderFlow"/>), one command per
/// operation, with the caller clearing the event buffer after each command as the journal would. The flow is
/// replayed once before measuring so that storage has grown to its working size: the allocation column shows
/// what steady state costs.
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int Commands = 100_000;

    private FlowStep[] _flow = [];
    private MatchingEngine _engine = null!;
    private EngineEventBuffer _events = null!;
    private MatchingEngine _busyBook = null!;
    private readonly MarketDepth _depth = new();

    [GlobalSetup]
    public void Setup()
    {
        _flow = MixedOrderFlow.Create(Commands, seed: 20260501);
        _engine = new MatchingEngine(MixedOrderFlow.Spec, MixedOrderFlow.Band);
        _events = new EngineEventBuffer();
        ReplayFlow();
        if (_engine.RestingOrderCount != 0)
        {
            throw new InvalidOperationException("The flow must leave the book empty, or replays would differ.");
        }

        // A book with the flow's first half resting, for reading market data.
        _busyBook = new MatchingEngine(MixedOrderFlow.Spec, MixedOrderFlow.Band);
        foreach (FlowStep step in _flow.AsSpan(0, Commands / 2))
        {
            MixedOrderFlow.Apply(_busyBook, _events, step);
            _events.Clear();
        }
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public long MixedFlow() => ReplayFlow();

    [Benchmark]
    public long? TopFiveLevels()
    {
        _busyBook.ReadDepth(_depth);
        return _depth.LastTradePrice;
    }

    private long ReplayFlow()
    {
        MatchingEngine engine = _engine;
        EngineEventBuffer events = _events;
        foreach (ref readonly FlowStep step in _flow.AsSpan())
        {
            MixedOrderFlow.Apply(engine, events, step);
            events.Clear();
        }
        return engine.LastTradeSequence;
    }
}
