namespace SxCascade.Cli.Tests;

/// <summary>The real executable, once: started as a process, as a user would.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Built_sxcascade_runs_the_example_in_its_own_process()
    {
        // The test project references the CLI project, so sxcascade.dll and its runtimeconfig
        // are copied next to the test assembly; flowsheets/ is copied there too.
        string dll = ExternalProcess.SxcascadeDll;
        Assert.True(File.Exists(dll), $"{dll} not found");

        var outcome = await ExternalProcess.RunAsync(ExternalProcess.DotnetHost, [dll, "run", "flowsheets/prnd-p507.yaml"]);

        Assert.True(outcome.Code == 0, outcome.ToString());
        Assert.Equal("", outcome.Stderr);
        Assert.StartsWith("Pr/Nd split, saponified P507, acid scrub  (flowsheets/prnd-p507.yaml)", outcome.Stdout);
        Assert.Contains("* PrNd.raffinate", outcome.Stdout);
        Assert.Contains("converged", outcome.Stdout);
    }
}
