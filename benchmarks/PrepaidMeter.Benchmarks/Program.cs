using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Every performance claim in README.md comes from here; run with tools/bench.sh (and tools/load.sh for
// the PostgreSQL load run, which measures many counters at once rather than one operation).
if (args is ["load", .. var rest])
{
    return PrepaidMeter.Benchmarks.Vending.SalesLoad.Run(rest);
}

if (args is ["web-load", .. var webRest])
{
    return PrepaidMeter.Benchmarks.Web.WebLoad.Run(webRest);
}

// The generated project's build takes longer than BenchmarkDotNet's default two minutes when other builds share
// this 2-core machine.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
    .Run(args, DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default).WithBuildTimeout(TimeSpan.FromMinutes(10)));
return 0;
