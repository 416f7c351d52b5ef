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

        // The same schedule with no work first: the machine's own stalls (the thread not running) show as the empty
        // loop's percentiles, which bound what any engine can reach here.
        var latencies = new long[flow.Length];
        var idle = Measure(latencies, rate, _ => { });
        Console.WriteLine($"empty loop at {rate:N0}/s (the machine alone): {Describe(latencies, idle)}");
        var steal = StealTicks();
        int gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        Action<int> apply = i =>
        {
            ExchangeCoreMix.Apply(engine, events, flow[i]);
            events.Clear();
        };
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var timed = Measure(latencies, rate, apply);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        int collections = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
        Console.WriteLine($"engine at {rate:N0}/s: {Describe(latencies, timed)}");
        // Stalls with no collection and nothing allocated are the machine's (the thread was not running), not the engine's.
        Console.WriteLine($"during the timed run: {allocated:N0} bytes allocated, {collections} garbage collections, "
            + $"{(StealTicks() - steal) * 10} ms of CPU time stolen by the hypervisor (/proc/stat)");
        return 0;
    }

    // Fills latencies (allocated by the caller, so the timed run allocates nothing of its own), sorted; returns the rate achieved.
    private static double Measure(long[] latencies, long rate, Action<int> work)
    {
        int count = latencies.Length;
        double ticksPerCommand = (double)Stopwatch.Frequency / rate;
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            long due = begin + (long)(i * ticksPerCommand);
            while (Stopwatch.GetTimestamp() < due)
            {
            }
            work(i);
            latencies[i] = Stopwatch.GetTimestamp() - due;
        }
        double achieved = count / Stopwatch.GetElapsedTime(begin).TotalSeconds;
        Array.Sort(latencies);
        return achieved;
    }

    // Total steal ticks (USER_HZ, 10 ms) of all CPUs, or 0 where /proc/stat is not there.
    private static long StealTicks()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 8 && long.TryParse(fields[8], out long steal) ? steal : 0;
    }

    private static string Describe(long[] sorted, double achieved)
    {
        string At(double q) => $"{sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))] * 1e9 / Stopwatch.Frequency:N0} ns";
        return $"achieved {achieved:N0}/s, p50 {At(0.50)}, p90 {At(0.90)}, p99 {At(0.99)}, p99.9 {At(0.999)}, p99.99 {At(0.9999)}, max {At(1.0)}";
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
