namespace SxCascade.Cli.Tests;

/// <summary>FILE <c>-</c> reads the flowsheet from standard input; its errors say &lt;stdin&gt;.</summary>
public sealed class StandardInputTests
{
    private static string Example(string name) => File.ReadAllText(CliRunner.Flowsheet(name));

    [Fact]
    public void Run_reads_the_flowsheet_from_standard_input_and_gives_the_same_result_as_from_the_file()
    {
        var fromStdin = CliRunner.RunWithInput(Example("kremser-constant-d.yaml"), "run", "-", "--json");
        var fromFile = CliRunner.Run("run", CliRunner.Flowsheet("kremser-constant-d.yaml"), "--json");

        Assert.True(fromStdin.Code == 0, fromStdin.ToString());
        // Kremser, E = 2, 5 stages: the raffinate keeps (E−1)/(E^6−1) = 1/63 of the feed's 0.1 mol/L × 10 L/h
        double raffinate = CliRunner.Stream(fromStdin.Json(), "main.raffinate").GetProperty("concentrations").GetProperty("Nd").GetDouble();
        Assert.Equal(0.1 / 63, raffinate, 12);
        Assert.Equal(
            CliRunner.Stream(fromFile.Json(), "main.raffinate").GetProperty("concentrations").GetProperty("Nd").GetDouble(), raffinate);
    }

    [Fact]
    public void Check_names_standard_input_in_its_report()
    {
        var outcome = CliRunner.RunWithInput(Example("prnd-p507.yaml"), "check", "-");
        Assert.True(outcome.Code == 0, outcome.ToString());
        Assert.Equal("<stdin>: valid (1 cascade, 58 stages, elements Pr, Nd)\n", outcome.Stdout);
    }

    [Fact]
    public void Errors_of_standard_input_are_located_at_stdin_line_and_column()
    {
        string text = Example("prnd-p507.yaml").Replace("extraction: { stages: 20 }", "extraction: { stages: x }");
        Assert.NotEqual(Example("prnd-p507.yaml"), text);
        int line = text.Split('\n').ToList().FindIndex(l => l.Contains("stages: x", StringComparison.Ordinal)) + 1;

        var outcome = CliRunner.RunWithInput(text, "run", "-");

        Assert.Equal(2, outcome.Code);
        Assert.StartsWith($"<stdin>:{line}:", outcome.Stderr);
        Assert.Contains("must be a whole number", outcome.Stderr);
        CliRunner.NoStackTrace(outcome.Stderr);
    }

    [Fact]
    public void Design_reads_standard_input_too()
    {
        var outcome = CliRunner.RunWithInput(Example("prnd-p507.yaml"), "design", "-", "--json");
        Assert.True(outcome.Code == 0, outcome.ToString());
        Assert.Equal("<stdin>", outcome.Json().RootElement.GetProperty("file").GetString());
    }
}
