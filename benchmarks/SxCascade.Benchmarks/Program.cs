using BenchmarkDotNet.Running;
using SxCascade.Benchmarks;

// `verify` solves every benchmark case once and prints iterations, closure and allocations
// (a quick check that the cases converge before spending minutes measuring them);
// anything else goes to BenchmarkDotNet, e.g. `--filter '*'`.
if (args.Length > 0 && args[0] == "verify")
    return Verify.Run(args[1..]);
if (args.Length > 0 && args[0] == "sweep")
    return SweepBenchmarks.Timed(args[1..]);
// `scale [STAGES...]` times the long Pr/Nd cascades of LongCascadeBenchmarks with a Stopwatch
if (args.Length > 0 && args[0] == "scale")
    return LongPrNd.Timed(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(args);
return 0;
