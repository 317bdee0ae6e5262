using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>The exit codes of FORMAT.md: 0 done, 1 bug, 2 invalid input or usage, 3 no convergence, 4 specs not met.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly string parent = FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    [Fact]
    public void Solver_that_does_not_converge_gives_exit_code_3_the_residuals_and_no_files()
    {
        var dir = Path.Combine(parent, "out");
        // The file has no solver block, so the override adds one. With newton the fallback
        // (substitution, with its own iteration limit) could still converge; substitution alone cannot in one sweep.
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--set", "solver={ max-iterations: 1 }", "--method", "substitution", "--out", dir);

        Assert.True(run.Code == 3, run.ToString());
        Assert.Contains("did not converge", run.Stderr);
        Assert.Contains("cascade PrNd", run.Stderr);
        Assert.Contains("max-iterations", run.Stderr);
        Assert.Contains("residual", run.Stderr);
        Assert.Matches(@"\d\.\de[+-]\d\d", run.Stderr);
        NoStackTrace(run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(parent));
    }

    [Fact]
    public void Json_run_that_does_not_converge_prints_nothing_on_stdout()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--json", "--set", "solver={ max-iterations: 1, method: substitution }");

        Assert.True(run.Code == 3, run.ToString());
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Require_specs_with_an_impossible_spec_gives_exit_code_4()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--set", "specs.1.purity=0.9999999", "--require-specs");

        Assert.True(run.Code == 4, run.ToString());
        Assert.Contains("NOT MET", run.Stdout);
        Assert.Contains("PrNd.strip-liquor Nd purity", run.Stderr);
        Assert.Contains("--require-specs", run.Stderr);
    }

    [Fact]
    public void Compare_require_specs_gives_exit_code_4_when_a_technique_misses_a_target()
    {
        // the same impossible purity as above: 99.99999 % Nd in the strip liquor of the Pr/Nd example
        var missed = Run("compare", Flowsheet("prnd-p507.yaml"), "--set", "specs.1.purity=0.9999999", "--require-specs", "--quiet");
        Assert.True(missed.Code == 4, missed.ToString());
        Assert.Contains("PrNd.strip-liquor Nd not met (--require-specs)", missed.Stderr);

        var shown = Run("compare", Flowsheet("prnd-p507.yaml"), "--set", "specs.1.purity=0.9999999", "--quiet");
        Assert.True(shown.Code == 0, shown.ToString());
        var met = Run("compare", Flowsheet("prnd-p507.yaml"), "--require-specs", "--quiet");
        Assert.True(met.Code == 0, met.ToString());
    }

    [Fact]
    public void Design_require_specs_passes_for_a_design_that_meets_its_specs()
    {
        var design = Run("design", Flowsheet("prnd-p507.yaml"), "--require-specs", "--quiet");
        Assert.True(design.Code == 0, design.ToString());
    }

    [Fact]
    public void Unmet_spec_without_require_specs_is_shown_but_not_fatal()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--set", "specs.1.purity=0.9999999");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("NOT MET", run.Stdout);
        Assert.Contains("1 of 2 specs NOT MET", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Require_specs_when_all_are_met_gives_exit_code_0()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--require-specs", "--quiet");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("run")]                                               // FILE missing
    [InlineData("run", "flowsheets/prnd-p507.yaml", "--bogus")]       // unknown option
    [InlineData("run", "flowsheets/prnd-p507.yaml", "--method", "gauss")]
    [InlineData("run", "flowsheets/prnd-p507.yaml", "--set")]         // --set without a value
    [InlineData("frobnicate")]                                        // unknown command
    [InlineData()]                                                    // no command
    [InlineData("check")]
    public void Usage_errors_give_exit_code_2_and_point_to_help(params string[] args)
    {
        var run = Run(args);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("--help", run.Stderr);
        Assert.Equal("", run.Stdout);
        NoStackTrace(run.Stderr);
    }

    [Fact]
    public void Missing_file_gives_exit_code_2_at_line_1_column_1()
    {
        var run = Run("run", "no/such/flowsheet.yaml");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("no/such/flowsheet.yaml:1:1: file not found\n", run.Stderr);
    }

    [Fact]
    public void Internal_error_asks_for_a_report_and_hides_the_stack_trace()
    {
        var stderr = new StringWriter { NewLine = "\n" };
        Exception bug;
        try
        {
            throw new InvalidOperationException("stage 3 has no equilibrium");
        }
        catch (InvalidOperationException e)
        {
            bug = e;
        }

        Diagnostics.WriteInternalError(bug, stderr);

        var text = stderr.ToString();
        Assert.StartsWith("sxcascade: internal error: stage 3 has no equilibrium\n", text);
        Assert.Contains("please report", text);
        if (Environment.GetEnvironmentVariable(Diagnostics.DebugVariable) != "1")
            NoStackTrace(text);
    }
}
