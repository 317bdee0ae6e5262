using System.Diagnostics;

namespace SxCascade.Cli.Tests;

/// <summary>Runs a real program as a user's shell would, and captures what it wrote; the one way the tests start processes.</summary>
internal static class ExternalProcess
{
    /// <summary>What a finished process left: its exit code and both streams.</summary>
    public sealed record Outcome(int Code, string Stdout, string Stderr)
    {
        /// <summary>For assertion messages.</summary>
        public override string ToString() => $"exit {Code}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>The dotnet host that runs the tests (dotnet test names it), or "dotnet" from PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>The sxcascade.dll copied next to the test assembly (the test project references the CLI).</summary>
    public static string SxcascadeDll => Path.Combine(AppContext.BaseDirectory, "sxcascade.dll");

    /// <summary>The clone the tests were built from: the folder above the test output that holds SxCascade.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SxCascade.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no SxCascade.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>
    /// (the test output folder when null), with <paramref name="environment"/> added to (a null value removes
    /// a variable from) the test's own; kills the process tree and fails after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<Outcome> RunAsync(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
            if (v is null) start.Environment.Remove(k);
            else start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds:F0} s");
        }
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary><see cref="RunAsync"/> for a caller that cannot await (a constructor, a synchronous test).</summary>
    public static Outcome Run(string program, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(program, arguments, workingDirectory, environment, timeout).GetAwaiter().GetResult();
}
