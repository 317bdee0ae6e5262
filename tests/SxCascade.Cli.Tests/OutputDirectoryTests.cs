using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>run --out DIR</c>: the five files, with units in the CSV headers; all or nothing.</summary>
public sealed class OutputDirectoryTests : IDisposable
{
    private static readonly string[] FiveFiles = ["stages.csv", "streams.csv", "summary.json", "stage-profile.png", "stage-profile.svg"];

    private readonly string parent = FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    [Fact]
    public void Out_writes_the_five_files_and_lists_them()
    {
        var dir = Path.Combine(parent, "prnd");

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal(FiveFiles.Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        foreach (var name in FiveFiles)
            Assert.Contains(Path.Combine(dir, name), run.Stdout);
        // nothing left beside DIR: the staging directory was moved into place
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
    }

    /// <summary>A network of two cascades: its --out also holds the flowsheet diagram (a single cascade's does not, above).</summary>
    [Fact]
    public void Out_of_a_network_draws_the_flowsheet_diagram()
    {
        Directory.CreateDirectory(parent);
        var file = Path.Combine(parent, "polish.yaml");
        File.WriteAllText(file, PolishedNetwork);
        var dir = Path.Combine(parent, "net");

        var run = Run("run", file, "--out", dir, "--quiet");

        Assert.True(run.Code == 0, run.ToString());
        Assert.True(new FileInfo(Path.Combine(dir, "flowsheet.png")).Length > 1000);
        string svg = File.ReadAllText(Path.Combine(dir, "flowsheet.svg"));
        Assert.Contains("Polish", svg, StringComparison.Ordinal);
        Assert.Contains("strip-liquor 6 L/h", svg, StringComparison.Ordinal);   // the link PrNd → Polish, labelled
    }

    /// <summary>The Pr/Nd example with its strip liquor fed to a second, polishing cascade.</summary>
    private const string PolishedNetwork = """
        sxcascade: 1
        name: Pr/Nd split with an Nd polishing cut
        chemistry:
          model: separation-factor
          extractant: P507 1.5 mol/L in kerosene, 36 % Na-saponified
          separation-factors: { Pr: 1.0, Nd: 1.5 }
          loading: 0.18 mol/L
          strip-distribution-ratios: { Pr: 0.01, Nd: 0.01 }
          saponification-agent: NaOH
        feeds:
          didymium:
            flow: 10 L/h
            composition: { Pr: 0.2544 mol/L, Nd: 0.7456 mol/L }
        cascades:
          PrNd:
            feed: { from: didymium, stage: 20 }
            extraction: { stages: 20 }
            scrub: { stages: 32, flow: 33.1 L/h, acid: 3.0 mol/L }
            strip: { stages: 6, flow: 6 L/h, acid: 4.5 mol/L }
            organic: { flow: 225.2 L/h }
          Polish:
            feed: { from: PrNd.strip-liquor, stage: 8 }
            extraction: { stages: 8 }
            scrub: { stages: 8, flow: 3 L/h, acid: 3.0 mol/L }
            strip: { stages: 4, flow: 4 L/h, acid: 4.5 mol/L }
            organic: { flow: 40 L/h }
        """;

    [Fact]
    public void Csv_headers_carry_units_and_figures_are_real_images()
    {
        var dir = Path.Combine(parent, "prnd");

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stdout);
        var stages = File.ReadAllLines(Path.Combine(dir, "stages.csv"));
        Assert.Equal("cascade,stage,section,aqueous_flow [L/h],organic_flow [L/h],x_Pr [mol/L],y_Pr [mol/L],x_Nd [mol/L],y_Nd [mol/L],ph [-],free_extractant [mol/L],loading_fraction [-]", stages[0]);
        Assert.Equal(1 + 58, stages.Length); // header + 20 + 32 + 6 stages
        var streams = File.ReadAllLines(Path.Combine(dir, "streams.csv"));
        Assert.StartsWith("name,kind,phase,flow [L/h],is_product,c_Pr [mol/L],molar_flow_Pr [mol/h],purity_Pr [mol frac],recovery_Pr [frac]", streams[0]);
        Assert.Contains(streams, l => l.StartsWith("PrNd.raffinate,raffinate,aqueous,", StringComparison.Ordinal));

        byte[] png = File.ReadAllBytes(Path.Combine(dir, "stage-profile.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "stage-profile.svg")));
    }

    [Fact]
    public void Summary_json_is_the_json_output()
    {
        var dir = Path.Combine(parent, "prnd");

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--json");

        Assert.True(run.Code == 0, run.ToString());
        // with --json, stdout is the document alone and the list of files goes to stderr
        using var printed = run.Json();
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(Without(printed, "solve_ms"), Without(saved, "solve_ms"));
        Assert.Contains(Path.Combine(dir, "summary.json"), run.Stderr);
    }

    [Fact]
    public void An_existing_directory_keeps_its_other_files_and_gets_ours_replaced()
    {
        var dir = Path.Combine(parent, "prnd");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(dir, "stages.csv"), "stale");

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.StartsWith("cascade,stage,", File.ReadAllText(Path.Combine(dir, "stages.csv")));
        Assert.Equal(FiveFiles.Append("notes.txt").Order(), Directory.GetFiles(dir).Select(Path.GetFileName).Order());
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void Out_naming_an_existing_file_is_a_usage_error()
    {
        Directory.CreateDirectory(parent);
        var file = Path.Combine(parent, "taken");
        File.WriteAllText(file, "x");

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", file);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"--out {file} is a file; give a directory (new or existing)", run.Stderr);
        Assert.Equal("x", File.ReadAllText(file));
        Assert.Single(Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void Out_that_cannot_be_created_gives_exit_code_2_before_solving_and_writes_nothing()
    {
        Directory.CreateDirectory(parent);
        File.WriteAllText(Path.Combine(parent, "file"), "x");
        var dir = Path.Combine(parent, "file", "results"); // below a file: cannot be a directory

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"--out {dir}: {Path.Combine(parent, "file")} is a file, so no directory can be made below it", run.Stderr);
        Assert.DoesNotContain("Solver", run.Stderr + run.Stdout);
        Assert.Equal("", run.Stdout);
        NoStackTrace(run.Stderr);
        Assert.Single(Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void A_file_that_cannot_be_replaced_leaves_the_previous_run_whole()
    {
        var dir = Path.Combine(parent, "prnd");
        var previous = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet", "--set", "cascades.PrNd.scrub.stages=30");
        Assert.True(previous.Code == 0, previous.ToString());
        string stages = File.ReadAllText(Path.Combine(dir, "stages.csv")), streams = File.ReadAllText(Path.Combine(dir, "streams.csv"));
        // summary.json is now a directory: the third of the five files cannot go in
        File.Delete(Path.Combine(dir, "summary.json"));
        Directory.CreateDirectory(Path.Combine(dir, "summary.json"));

        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"cannot write the results to {dir}: {Path.Combine(dir, "summary.json")} is a directory, where a file of the results is to go; "
            + $"move it away; nothing was changed ({dir} as before)", run.Stderr);
        // the files of the previous run (20 + 30 + 6 stages), not some of each
        Assert.Equal(stages, File.ReadAllText(Path.Combine(dir, "stages.csv")));
        Assert.Equal(1 + 56, stages.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(streams, File.ReadAllText(Path.Combine(dir, "streams.csv")));
        Assert.True(Directory.Exists(Path.Combine(dir, "summary.json")));
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
    }

    [Fact]
    public void Design_out_failing_leaves_the_write_file_as_it_was()
    {
        string written = Path.Combine(parent, "designed.yaml"), dir = Path.Combine(parent, "figures");
        Directory.CreateDirectory(Path.Combine(dir, "stage-profile.svg")); // where a figure is to go
        File.WriteAllText(written, "previous");

        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--write", written, "--out", dir, "--quiet");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("stage-profile.svg is a directory, where a file of the results is to go", run.Stderr);
        Assert.Equal("previous", File.ReadAllText(written));
        Assert.Equal(["stage-profile.svg"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        Assert.Equal(new[] { dir, written }.Order(), Directory.GetFileSystemEntries(parent).Order());
    }

    private static string Without(JsonDocument document, string property) =>
        JsonSerializer.Serialize(document.RootElement.EnumerateObject()
            .Where(p => p.Name != property)
            .ToDictionary(p => p.Name, p => p.Value));
}
