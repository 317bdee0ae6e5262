using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Metrology;

namespace SxCascade.Benchmarks;

/// <summary>
/// The job of the long operations (a whole design search takes seconds): in-process like
/// <see cref="BenchConfig"/>, but the monitoring strategy (no pilot stage, one operation per
/// iteration), 1 warm-up and 3 measured iterations, so each row costs about 5 operations.
/// The Error column of 3 iterations is wide (Student t with 2 degrees of freedom); the numbers
/// are for comparison with targets of seconds, not for small differences.
/// </summary>
public sealed class LongRunConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public LongRunConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithId("InProcessShort"));
        SummaryStyle = SummaryStyle.Default.WithSizeUnit(SizeUnit.B);
    }
}
