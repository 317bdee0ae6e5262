using System.Diagnostics;

namespace SxCascade.Cli.Tests;

/// <summary>The real executable, once: started as a process, as a user would.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Built_sxcascade_runs_the_example_in_its_own_process()
    {
        // The test project references the CLI project, so sxcascade.dll and its runtimeconfig
        // are copied next to the test assembly; flowsheets/ is copied there too.
        string dll = Path.Combine(AppContext.BaseDirectory, "sxcascade.dll");
        Assert.True(File.Exists(dll), $"{dll} not found");
        // dotnet test names the host that runs it; a plain "dotnet" from PATH otherwise
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "run", "flowsheets/prnd-p507.yaml" }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdoutTask = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        string stdout = await stdoutTask;
        string stderr = await stderrTask;

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Equal("", stderr);
        Assert.StartsWith("Pr/Nd split, saponified P507, acid scrub  (flowsheets/prnd-p507.yaml)", stdout);
        Assert.Contains("* PrNd.raffinate", stdout);
        Assert.Contains("converged", stdout);
    }
}
