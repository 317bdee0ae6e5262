using SxCascade.Comparison;
using SxCascade.Design;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>The library facade (SxCascadeEngine over Core's Engine): load, validate, solve, design, compare, fit; Try… forms; cancellation; progress.</summary>
public sealed class EngineTests
{
    private static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "flowsheets", name);

    private static Flowsheet Loaded(string name)
    {
        var loaded = SxCascadeEngine.Load(Example(name));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return loaded.Flowsheet!;
    }

    /// <summary>Reports synchronously (System.Progress posts to a thread pool).</summary>
    private sealed class Lines(Action<string>? onLine = null) : IProgress<string>
    {
        public List<string> Seen { get; } = [];
        public void Report(string value)
        {
            Seen.Add(value);
            onLine?.Invoke(value);
        }
    }

    [Fact]
    public void Load_from_text_and_from_the_file_give_the_same_flowsheet_and_TrySolve_closes_the_balances()
    {
        string path = Example("kremser-constant-d.yaml");
        var fromText = SxCascadeEngine.LoadText(File.ReadAllText(path), "kremser.yaml");
        Assert.True(fromText.Ok);
        var solved = SxCascadeEngine.TrySolve(fromText.Flowsheet!);
        Assert.True(solved.Ok);
        Assert.Empty(solved.Problems);
        Assert.True(solved.Value!.MaxBalanceError <= 1e-9);
        // the file gives the same streams, to the last digit
        var again = SxCascadeEngine.Solve(Loaded("kremser-constant-d.yaml"));
        Assert.Equal(solved.Value.Streams.Select(s => s.Concentrations.ToArray()), again.Streams.Select(s => s.Concentrations.ToArray()));
    }

    [Fact]
    public void Check_returns_every_error_of_a_file_with_its_location_and_no_exception()
    {
        var errors = SxCascadeEngine.Check(Path.Combine(AppContext.BaseDirectory, "corpus", "bad-names.yaml"));
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
    }

    [Fact]
    public void An_invalid_flowsheet_built_in_code_gives_its_problems_instead_of_a_solver_exception()
    {
        var f = Loaded("prnd-p507.yaml");
        var broken = f with { Cascades = [f.Cascades[0] with { FeedFrom = "nowhere" }] };

        var outcome = SxCascadeEngine.TrySolve(broken);
        Assert.False(outcome.Ok);
        Assert.Null(outcome.Value);
        Assert.Contains(outcome.Problems, p => p.Path.StartsWith("cascades.PrNd.feed", StringComparison.Ordinal) && p.Message.Contains("nowhere", StringComparison.Ordinal));

        var thrown = Assert.Throws<FlowsheetInvalidException>(() => SxCascadeEngine.Solve(broken));
        Assert.Equal(outcome.Problems, thrown.Problems);
        Assert.Equal(outcome.Problems, SxCascadeEngine.Validate(broken));
    }

    [Fact]
    public void TryDesign_returns_why_a_flowsheet_cannot_be_designed()
    {
        var outcome = SxCascadeEngine.TryDesign(Loaded("kremser-constant-d.yaml"));
        Assert.False(outcome.Ok);
        var problem = Assert.Single(outcome.Problems);
        Assert.Contains("separation-factor", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Design_reports_progress_and_stops_when_cancelled()
    {
        var template = Loaded("prnd-p507.yaml");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SxCascadeEngine.Design(template, cancellation: cancel.Token));

        // cancelled at its first progress line: the search stops there instead of finishing
        using var midway = new CancellationTokenSource();
        var lines = new Lines(_ => midway.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            SxCascadeEngine.TryDesign(template, new DesignOptions(Progress: lines), midway.Token));
        Assert.Single(lines.Seen);
    }

    [Fact]
    public void TryCompare_names_the_file_of_a_technique_that_cannot_be_compared()
    {
        var prnd = Loaded("prnd-p507.yaml");
        var oxide = prnd with { PurityBasis = PurityBasis.OxideMass };
        var outcome = SxCascadeEngine.TryCompare([new TechniqueCase("a", "a.yaml", prnd), new TechniqueCase("b", "b.yaml", oxide)],
            new CompareOptions(SweepPoints: 0));
        Assert.False(outcome.Ok);
        Assert.Equal("b.yaml", outcome.File);
        Assert.Equal("purity-basis", Assert.Single(outcome.Problems).Path);
    }

    [Fact]
    public void TryFit_recovers_an_exact_law_and_names_an_element_with_too_few_points()
    {
        // log10 D = -1 + 2·pH at one extractant level: the default log-d terms are constant and ph
        ShakeTestPoint Point(string element, double ph, int line) => new(element, ph, 0.5, -1 + 2 * ph, line);
        var points = new[] { Point("Nd", 1.0, 2), Point("Nd", 1.5, 3), Point("Nd", 2.0, 4) };
        var (fit, issues) = Engine.TryFit(points, DistributionLawKind.LogD);
        Assert.Empty(issues);
        var law = Assert.Single(fit!.Laws);
        Assert.Equal(["constant", "ph"], law.Terms);
        Assert.Equal(-1, law.Values[0], 1e-12);
        Assert.Equal(2, law.Values[1], 1e-12);

        var (none, tooFew) = Engine.TryFit([.. points, Point("Pr", 1.0, 5)], DistributionLawKind.LogD);
        Assert.Null(none);
        var issue = Assert.Single(tooFew);
        Assert.Equal(("Pr", FitIssueKind.TooFewPoints), (issue.Element, issue.Kind));
    }
}
