using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using SmartTrade.Benchmarks;
using SmartTrade.Benchmarks.Load;
using SmartTrade.Benchmarks.PriceIndex;
using SmartTrade.Benchmarks.Search;
using SmartTrade.Benchmarks.Trading;

// Tools first (see README, Benchmarks); anything else goes to BenchmarkDotNet, e.g. --filter '*CatalogSearch*'.
try
{
    return args.FirstOrDefault() switch
    {
        "search-index" => await SearchCommands.IndexAsync(new ToolArguments(args[1..])),
        "search-latency" => await SearchCommands.LatencyAsync(new ToolArguments(args[1..])),
        "load" => await CheckoutLoad.RunAsync(new ToolArguments(args[1..])),
        "engine-latency" => EngineLatency.Run(args[1..]),
        "exchange-durable" => await ExchangeDurable.RunAsync(args[1..]),
        "exchange-load" => await ExchangeOrderLoad.RunAsync(new ToolArguments(args[1..])),
        "index-recompute" => IndexRecompute.Run(args[1..]),
        _ => RunBenchmarks(args),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

static int RunBenchmarks(string[] args)
{
    // BenchmarkDotNet builds its own copy of this project and everything it references; on a busy machine that
    // takes longer than its default two minutes.
    var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    return 0;
}
