using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Every performance claim in README.md comes from here; run with tools/bench.sh (and tools/load.sh for
// the PostgreSQL load run, which measures many counters at once rather than one operation).
if (args is ["load", .. var rest])
{
    return PrepaidMeter.Benchmarks.Vending.SalesLoad.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default));
return 0;
