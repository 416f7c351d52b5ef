using System.Diagnostics;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>
/// <c>engine-latency [--rate N] [--commands N]</c>: the engine's latency per command on the exchange-core mix when
/// commands arrive at a fixed rate (default 1,000,000 a second) on one thread. Each command has a due time; its
/// latency is from that due time to the end of its processing, so time spent queued behind a slow command counts
/// (no coordinated omission). Also prints the unthrottled throughput.
/// </summary>
internal static class EngineLatency
{
    public static int Run(string[] args)
    {
        long rate = Option(args, "--rate", 1_000_000);
        int commands = (int)Option(args, "--commands", 2_000_000);
        var flow = ExchangeCoreMix.Create(commands, seed: 20261129);
        var engine = new MatchingEngine(ExchangeCoreMix.Spec, ExchangeCoreMix.Band, orderCapacity: 8_192);
        var events = new EngineEventBuffer();

        // Warm up (JIT tiers, storage growth) with three full passes, then measure unthrottled throughput.
        for (int pass = 0; pass < 3; pass++)
        {
            Replay(engine, events, flow);
        }
        long start = Stopwatch.GetTimestamp();
        Replay(engine, events, flow);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"exchange-core mix: {flow.Length:N0} commands (9% GTC, 3% IOC, 6% cancel, 82% move; ~1,000 resting on ~750 levels)");
        Console.WriteLine($"unthrottled: {flow.Length / seconds / 1e6:F2} million commands/s on one thread");

        var latencies = new long[flow.Length];
        double ticksPerCommand = (double)Stopwatch.Frequency / rate;
        int gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; i < flow.Length; i++)
        {
            long due = begin + (long)(i * ticksPerCommand);
            while (Stopwatch.GetTimestamp() < due)
            {
            }
            ExchangeCoreMix.Apply(engine, events, flow[i]);
            events.Clear();
            latencies[i] = Stopwatch.GetTimestamp() - due;
        }
        double achieved = flow.Length / Stopwatch.GetElapsedTime(begin).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        Array.Sort(latencies);
        string At(double q) => $"{latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))] * 1e9 / Stopwatch.Frequency:N0} ns";
        Console.WriteLine($"at {rate:N0}/s (achieved {achieved:N0}/s): p50 {At(0.50)}, p90 {At(0.90)}, p99 {At(0.99)}, p99.9 {At(0.999)}, p99.99 {At(0.9999)}, max {At(1.0)}");
        // Stalls with no collection and nothing allocated are the machine's (the thread was not running), not the engine's.
        Console.WriteLine($"during the timed run: {allocated:N0} bytes allocated, {collections} garbage collections");
        return 0;
    }

    private static void Replay(MatchingEngine engine, EngineEventBuffer events, MixStep[] flow)
    {
        foreach (ref readonly var step in flow.AsSpan())
        {
            ExchangeCoreMix.Apply(engine, events, step);
            events.Clear();
        }
    }

    internal static long Option(string[] args, string name, long fallback)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && long.TryParse(args[index + 1], out long value) ? value : fallback;
    }
}
