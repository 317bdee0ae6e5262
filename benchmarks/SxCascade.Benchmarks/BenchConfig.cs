using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Metrology;

namespace SxCascade.Benchmarks;

/// <summary>
/// The one job every benchmark class runs: in-process (no generated project is built, so the
/// build stays wherever <c>--artifacts-path</c> put it and never touches src/*/obj), 3 warm-up
/// and 10 measured iterations, so the whole suite takes a few minutes on two cores.
/// Allocations are shown in bytes (so that a difference of one double is visible) and ratios
/// as "N x faster/slower".
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("InProcess"));
        SummaryStyle = SummaryStyle.Default.WithSizeUnit(SizeUnit.B).WithRatioStyle(RatioStyle.Trend);
    }
}
