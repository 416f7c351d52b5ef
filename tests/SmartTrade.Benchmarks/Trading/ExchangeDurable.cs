using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>
/// <c>exchange-durable [--clients N] [--seconds N] [--dir PATH]</c>: orders per second through the exchange's single
/// writer with durable acknowledgement (journal file, group commit with fsync), in process, without HTTP. Each
/// client sends an order, waits for its acknowledgement, and sends the next; orders are limit orders near the mid
/// (about a fifth cross and trade), with risk checks and settlement. Prints throughput, fsyncs and ack latency.
/// </summary>
internal static class ExchangeDurable
{
    public static async Task<int> RunAsync(string[] args)
    {
        int clients = (int)EngineLatency.Option(args, "--clients", 256);
        int seconds = (int)EngineLatency.Option(args, "--seconds", 10);
        int dirIndex = Array.IndexOf(args, "--dir");
        string directory = dirIndex >= 0 && dirIndex + 1 < args.Length
            ? args[dirIndex + 1]
            : Directory.CreateTempSubdirectory("smarttrade-exchange-bench-").FullName;
        string path = Path.Combine(directory, $"exchange-{Environment.ProcessId}.journal");

        var sequencer = new ExchangeSequencer(new FileJournal(path), TradingCalendar.AroundTheClock, TimeProvider.System, NullLogger<ExchangeSequencer>.Instance);
        await sequencer.StartAsync();
        await sequencer.SubmitAsync(ExchangeCommand.AddInstrument(1, 800_000));
        for (long trader = 1; trader <= clients; trader++)
        {
            await sequencer.SubmitAsync(ExchangeCommand.Deposit(trader, 1_000_000_000_000));
            await sequencer.SubmitAsync(ExchangeCommand.CreditReceipts(trader, 1, 1_000_000_000));
        }

        using var stop = new CancellationTokenSource();
        var perClient = new List<long>[clients];
        long groupsBefore = sequencer.CommittedGroups;
        long start = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client);
            var latencies = perClient[client] = new List<long>(100_000);
            long trader = client + 1;
            while (!stop.IsCancellationRequested)
            {
                Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long ticks = random.Next(10) < 2 ? -random.Next(1, 4) : random.Next(1, 40);
                long price = side == Side.Buy ? 800_000 - ticks * 100 : 800_000 + ticks * 100;
                var command = ExchangeCommand.Limit(trader, 1, side, price, 1_000 * random.Next(1, 6), random.Next(10) < 7 ? TimeInForce.Ioc : TimeInForce.Gtc);
                long sent = Stopwatch.GetTimestamp();
                var result = await sequencer.SubmitAsync(command);
                latencies.Add(Stopwatch.GetTimestamp() - sent);
                if (!result.Reply.Succeeded)
                {
                    throw new InvalidOperationException($"Order refused: {result.Reply.Error}");
                }
            }
        }).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long groups = sequencer.CommittedGroups - groupsBefore;
        string? ledger = await sequencer.ReadAsync(s => s.CheckLedger());
        long openOrders = await sequencer.ReadAsync(s => (long)s.OpenOrderCount);
        await sequencer.DisposeAsync();

        var all = perClient.SelectMany(l => l).ToArray();
        Array.Sort(all);
        string At(double q) => $"{all[Math.Min(all.Length - 1, (int)(q * all.Length))] * 1e3 / Stopwatch.Frequency:F2} ms";
        Console.WriteLine($"durable orders: {all.Length:N0} in {elapsed:F1} s = {all.Length / elapsed:N0} orders/s with {clients} clients; {groups:N0} fsyncs ({(double)all.Length / Math.Max(1, groups):F0} orders per commit)");
        Console.WriteLine($"ack latency p50 {At(0.5)}, p99 {At(0.99)}, max {At(1)}; open orders {openOrders:N0}; ledger {(ledger ?? "balances")}; journal {new FileInfo(path).Length / 1024 / 1024} MiB at {path}");
        File.Delete(path);
        return 0;
    }
}
