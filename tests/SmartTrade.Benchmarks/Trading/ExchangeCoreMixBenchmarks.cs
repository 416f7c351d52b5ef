using BenchmarkDotNet.Attributes;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>Engine throughput on exchange-core's published mix (<see cref="ExchangeCoreMix"/>), one command per operation.</summary>
[MemoryDiagnoser]
public class ExchangeCoreMixBenchmarks
{
    private const int Commands = 1_000_000;

    private MixStep[] _flow = [];
    private MatchingEngine _engine = null!;
    private readonly EngineEventBuffer _events = new();

    [GlobalSetup]
    public void Setup()
    {
        _flow = ExchangeCoreMix.Create(Commands, seed: 20261129);
        _engine = new MatchingEngine(ExchangeCoreMix.Spec, ExchangeCoreMix.Band, orderCapacity: 8_192);
        Replay();
        if (_engine.RestingOrderCount != 0)
        {
            throw new InvalidOperationException("The mix must leave the book empty, or replays would differ.");
        }
    }

    [Benchmark(OperationsPerInvoke = Commands)]
    public long ExchangeCoreMixFlow() => Replay();

    private long Replay()
    {
        var engine = _engine;
        var events = _events;
        foreach (ref readonly var step in _flow.AsSpan())
        {
            ExchangeCoreMix.Apply(engine, events, step);
            events.Clear();
        }
        return engine.LastTradeSequence;
    }
}
