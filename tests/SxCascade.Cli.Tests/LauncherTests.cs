namespace SxCascade.Cli.Tests;

/// <summary>
/// The README's <c>./sxcascade</c> launcher, run by bash on a copy of it in a scratch clone whose
/// <c>dotnet</c> is a stand-in on PATH that logs its calls: it builds once (saying so), then starts
/// the built assembly without building, and builds again only when a source is newer than the
/// build stamp. (Its speed is measured by hand, docs/cli.md, not here.)
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly string _root = CliRunner.FreshTempPath();
    private string Log => Path.Combine(_root, "dotnet-calls.log");

    public LauncherTests()
    {
        string repo = ExternalProcess.RepositoryRoot();
        Directory.CreateDirectory(Path.Combine(_root, "src", "SxCascade.Cli"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        File.Copy(Path.Combine(repo, "sxcascade"), Path.Combine(_root, "sxcascade"));
        File.WriteAllText(Path.Combine(_root, "src", "SxCascade.Cli", "Program.cs"), "// a source\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project />\n");
        // the stand-in: "publish" makes the assembly in the folder after -o; anything else is a start of the program
        File.WriteAllText(Path.Combine(_root, "bin", "dotnet"),
            "#!/usr/bin/env bash\n"
            + $"echo \"$*\" >> '{Log}'\n"
            + "if [ \"$1\" = publish ]; then\n"
            + "  while [ $# -gt 0 ] && [ \"$1\" != -o ]; do shift; done; out=\"$2\"\n"
            + "  mkdir -p \"$out\"; echo dll > \"$out/sxcascade.dll\"; echo '  (build output)'; exit 0\n"
            + "fi\n"
            + "echo \"program: $*\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(_root, "bin", "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>Runs the launcher from another folder (the temp folder) with the stand-in dotnet first on PATH.</summary>
    private (int Code, string Stdout, string Stderr) Launch(params string[] args)
    {
        var o = ExternalProcess.Run("bash", args.Prepend(Path.Combine(_root, "sxcascade")), Path.GetTempPath(),
            new Dictionary<string, string?> { ["PATH"] = Path.Combine(_root, "bin") + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") },
            TimeSpan.FromSeconds(60));
        return (o.Code, o.Stdout, o.Stderr);
    }

    private string[] Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    [Fact]
    public void Builds_once_saying_so_then_starts_the_built_program_until_a_source_changes()
    {
        string dll = Path.Combine(_root, "src", "SxCascade.Cli", "bin", "launcher", "sxcascade.dll");

        var first = Launch("run", "flowsheets/prnd-p507.yaml", "--json");
        Assert.True(first.Code == 0, first.Stderr);
        Assert.StartsWith("building sxcascade (first run, about a minute)...\n", first.Stderr);
        Assert.Contains("(build output)", first.Stderr);           // the build's progress is on stderr
        Assert.Equal($"program: {dll} run flowsheets/prnd-p507.yaml --json\n", first.Stdout); // stdout is the program's alone
        Assert.Equal(2, Calls().Length);
        Assert.StartsWith($"publish {Path.Combine(_root, "src", "SxCascade.Cli")} -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o {Path.Combine(_root, "src", "SxCascade.Cli", "bin", "launcher")} ", Calls()[0]);

        var again = Launch("check", "x.yaml");
        Assert.Equal("", again.Stderr);
        Assert.Equal($"program: {dll} check x.yaml\n", again.Stdout);
        Assert.Equal(3, Calls().Length);                            // no build: the program only

        // a source saved after the build: the stamp a minute old, the source half a minute
        string stamp = Path.Combine(_root, "src", "SxCascade.Cli", "bin", "launcher", ".sxcascade-build-stamp");
        void SavedAfterTheBuild(string source)
        {
            File.SetLastWriteTimeUtc(stamp, DateTime.UtcNow.AddSeconds(-60));
            File.SetLastWriteTimeUtc(Path.Combine(_root, source), DateTime.UtcNow.AddSeconds(-30));
        }
        SavedAfterTheBuild(Path.Combine("src", "SxCascade.Cli", "Program.cs"));
        var changed = Launch("check", "x.yaml");
        Assert.StartsWith("building sxcascade (sources changed)...\n", changed.Stderr);
        Assert.Equal(5, Calls().Length);

        // Directory.*.props count as sources too
        SavedAfterTheBuild("Directory.Build.props");
        Assert.StartsWith("building sxcascade (sources changed)...\n", Launch("check", "x.yaml").Stderr);
        Assert.Equal(7, Calls().Length);
        // built: the next call starts the program only
        Assert.Equal("", Launch("check", "x.yaml").Stderr);
        Assert.Equal(8, Calls().Length);
    }

    [Fact]
    public void A_failed_build_is_shown_and_exits_1_without_starting_anything()
    {
        File.WriteAllText(Path.Combine(_root, "bin", "dotnet"),
            "#!/usr/bin/env bash\n" + $"echo \"$*\" >> '{Log}'\n" + "echo 'Program.cs(1,1): error CS1002: ; expected'; exit 1\n");
        var run = Launch("run", "f.yaml");
        Assert.Equal(1, run.Code);
        Assert.Equal("", run.Stdout);
        Assert.Contains("error CS1002", run.Stderr);
        Assert.EndsWith("sxcascade: the build failed (see above)\n", run.Stderr);
        Assert.Single(Calls());
    }
}
