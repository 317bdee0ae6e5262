using SxCascade.Comparison;
using SxCascade.Design;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade;

/// <summary>
/// What a <c>Try…</c> call of <see cref="Engine"/> gave: the value, or the problems that stopped it
/// (every one, as data), or the result of a solve that did not converge (with its residual history).
/// </summary>
/// <typeparam name="T">The value: a result, a design, a comparison, fitted laws.</typeparam>
/// <param name="Value">The value; null when there are problems or a solve failed.</param>
/// <param name="Problems">Why the input cannot be solved, designed, compared or fitted: dotted key paths and messages.</param>
/// <param name="File">For a comparison: the technique's file the problems (or the failed solve) belong to.</param>
/// <param name="Failed">A result that did not converge or failed a check (<see cref="ResultVerdict"/>), or null.</param>
public sealed record Outcome<T>(T? Value, IReadOnlyList<ValidationIssue> Problems, string? File = null, FlowsheetResult? Failed = null)
    where T : class
{
    /// <summary>True when there is a value: no problems, nothing failed.</summary>
    public bool Ok => Value is not null && Problems.Count == 0 && Failed is null;
}

/// <summary>A flowsheet that does not pass <see cref="FlowsheetValidator"/>: every problem, as data.</summary>
/// <param name="problems">Every problem of the flowsheet.</param>
public sealed class FlowsheetInvalidException(IReadOnlyList<ValidationIssue> problems)
    : Exception($"the flowsheet is not valid: {string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}"))}")
{
    /// <summary>Every problem (dotted key path, message).</summary>
    public IReadOnlyList<ValidationIssue> Problems { get; } = problems;
}

/// <summary>The laws fitted to shake-test data, one per element, in the data's element order.</summary>
/// <param name="Laws">One fitted law per element.</param>
public sealed record FitResult(IReadOnlyList<FittedLaw> Laws);

/// <summary>
/// The engine as a library: validate, solve, design, compare and fit, each with a <c>Try…</c> form that
/// returns problems instead of throwing. The command line calls only these (through
/// SxCascade.IO's SxCascadeEngine, which adds reading files). Long calls take a
/// <see cref="CancellationToken"/> and report progress: design and compare check the token at every
/// progress step (each design-curve point, at least once a second while a point is searched; each
/// technique and sweep), a solve before it starts. A cancelled call throws
/// <see cref="OperationCanceledException"/>, in both forms.
/// </summary>
public static class Engine
{
    /// <summary>Every problem of <paramref name="flowsheet"/> (empty when it can be solved).</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Flowsheet flowsheet)
    {
        ArgumentNullException.ThrowIfNull(flowsheet);
        return FlowsheetValidator.Validate(flowsheet);
    }

    /// <summary>
    /// Solves <paramref name="flowsheet"/> (Newton, then substitution when Newton fails and
    /// <paramref name="fallback"/> is set, as <c>sxcascade run</c>). Numerical failure is data:
    /// <see cref="FlowsheetResult.Converged"/> is false and the reports hold the history.
    /// </summary>
    /// <exception cref="FlowsheetInvalidException">The flowsheet does not validate (every problem listed).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the solve started.</exception>
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true, CancellationToken cancellation = default)
    {
        var problems = Validate(flowsheet);
        if (problems.Count > 0) throw new FlowsheetInvalidException(problems);
        cancellation.ThrowIfCancellationRequested();
        return FlowsheetSolver.Solve(flowsheet, fallback);
    }

    /// <summary><see cref="Solve"/> that returns the problems, or the result that did not converge, instead of throwing.</summary>
    public static Outcome<FlowsheetResult> TrySolve(Flowsheet flowsheet, bool fallback = true, CancellationToken cancellation = default)
    {
        var problems = Validate(flowsheet);
        if (problems.Count > 0) return new(null, problems);
        cancellation.ThrowIfCancellationRequested();
        var result = FlowsheetSolver.Solve(flowsheet, fallback);
        return result.Converged ? new(result, []) : new(null, [], Failed: result);
    }

    /// <summary>
    /// Designs the cascade the specs of <paramref name="template"/> name (shortcut theory, then the
    /// fewest stages that meet every spec, simulated). <paramref name="options"/>' progress receives a line
    /// per step.
    /// </summary>
    /// <exception cref="FlowsheetInvalidException">The template does not validate.</exception>
    /// <exception cref="DesignException">The specs cannot be designed for (the path names the value).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DesignResult Design(Flowsheet template, DesignOptions? options = null, CancellationToken cancellation = default)
    {
        var problems = Validate(template);
        if (problems.Count > 0) throw new FlowsheetInvalidException(problems);
        options ??= new DesignOptions();
        cancellation.ThrowIfCancellationRequested();
        return Designer.Design(template, options with { Progress = Cancelling(options.Progress, cancellation) });
    }

    /// <summary><see cref="Design"/> that returns the problems (validation, or why the specs cannot be designed for) instead of throwing.</summary>
    public static Outcome<DesignResult> TryDesign(Flowsheet template, DesignOptions? options = null, CancellationToken cancellation = default)
    {
        var problems = Validate(template);
        if (problems.Count > 0) return new(null, problems);
        try
        {
            var design = Design(template, options, cancellation);
            return design.Result.Converged ? new(design, []) : new(null, [], Failed: design.Result);
        }
        catch (DesignException e)
        {
            return new(null, [new ValidationIssue(e.Path, e.Message)]);
        }
    }

    /// <summary>Compares techniques (the first sets the specs under <see cref="CompareOptions.Design"/>).</summary>
    /// <exception cref="FlowsheetInvalidException">A technique does not validate.</exception>
    /// <exception cref="CompareException">A technique cannot be compared as asked.</exception>
    /// <exception cref="CompareSolveException">A technique's solve failed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ComparisonResult Compare(IReadOnlyList<TechniqueCase> cases, CompareOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        foreach (var c in cases)
            if (Validate(c.Flowsheet) is { Count: > 0 } problems) throw new FlowsheetInvalidException(problems);
        options ??= new CompareOptions();
        cancellation.ThrowIfCancellationRequested();
        return Comparer.Compare(cases, options with { Progress = Cancelling(options.Progress, cancellation) });
    }

    /// <summary><see cref="Compare"/> that returns the problems of the first technique that has any (with its file), or its failed solve, instead of throwing.</summary>
    public static Outcome<ComparisonResult> TryCompare(IReadOnlyList<TechniqueCase> cases, CompareOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        foreach (var c in cases)
            if (Validate(c.Flowsheet) is { Count: > 0 } problems) return new(null, problems, c.File);
        try
        {
            return new(Compare(cases, options, cancellation), []);
        }
        catch (CompareException e)
        {
            return new(null, [new ValidationIssue(e.Path, e.Message)], e.File);
        }
        catch (CompareSolveException e)
        {
            return new(null, [], e.Case.File, e.Result);
        }
    }

    /// <summary>
    /// Fits one law per element to shake-test points (<see cref="LawFitter"/>): the terms of each
    /// element chosen by <see cref="LawFitter.TermsFor"/>, checked by <see cref="LawFitter.Check"/>.
    /// </summary>
    /// <param name="points">The data, any elements.</param>
    /// <param name="law">log-k or log-d.</param>
    /// <param name="terms">log-d terms (null: the default choice).</param>
    /// <param name="percentVolume">True when the extractant is in % v/v.</param>
    /// <returns>The laws, or for every element that cannot be fitted its <see cref="FitIssue"/> (then no laws).</returns>
    public static (FitResult? Fit, IReadOnlyList<FitIssue> Issues) TryFit(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind law,
        IReadOnlyList<string>? terms = null, bool percentVolume = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var issues = new List<FitIssue>();
        var laws = new List<FittedLaw>();
        foreach (var element in Chemistry.Elements.Sorted(points.Select(p => p.Element)))
        {
            var own = points.Where(p => p.Element == element).ToList();
            var chosen = LawFitter.TermsFor(own, law, terms);
            if (LawFitter.Check(own, chosen) is { } issue)
            {
                issues.Add(issue);
                continue;
            }
            laws.Add(LawFitter.Fit(own, law, Chemistry.Elements.DefaultCharge(element), percentVolume, chosen));
        }
        return issues.Count > 0 ? (null, issues) : (new FitResult(laws), []);
    }

    /// <summary>Progress that throws <see cref="OperationCanceledException"/> at its next report once cancelled.</summary>
    private static IProgress<string>? Cancelling(IProgress<string>? progress, CancellationToken cancellation) =>
        cancellation.CanBeCanceled ? new CancellingProgress(progress, cancellation) : progress;

    private sealed class CancellingProgress(IProgress<string>? inner, CancellationToken cancellation) : IProgress<string>
    {
        public void Report(string value)
        {
            cancellation.ThrowIfCancellationRequested();
            inner?.Report(value);
        }
    }
}
