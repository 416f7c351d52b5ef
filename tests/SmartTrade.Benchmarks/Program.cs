using BenchmarkDotNet.Running;

// Every benchmark in this assembly; pick with --filter, e.g. --filter '*Search*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
