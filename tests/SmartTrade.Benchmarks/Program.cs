using BenchmarkDotNet.Running;
using SmartTrade.Benchmarks.Trading;

// Commands that measure outside BenchmarkDotNet (see README, Benchmarks); anything else goes to BenchmarkDotNet:
// every benchmark in this assembly, picked with --filter, e.g. --filter '*Search*'.
return args.FirstOrDefault() switch
{
    "engine-latency" => EngineLatency.Run(args[1..]),
    "exchange-durable" => await ExchangeDurable.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
