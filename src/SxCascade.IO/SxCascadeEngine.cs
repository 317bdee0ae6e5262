using SxCascade.Comparison;
using SxCascade.Design;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.IO.Documents;
using SxCascade.Results;

namespace SxCascade.IO;

/// <summary>
/// The public entry point for scripts and notebooks (docs/library.md): load a flowsheet from a
/// file or from text, check it (every problem as data, FILE:LINE:COLUMN), solve, design, compare and
/// fit, and write the documents; the command line uses nothing else. The computations are
/// <see cref="Engine"/>'s (SxCascade.Core: no files); this adds the files. Every call that can fail on
/// its input has a <c>Try…</c> form returning <see cref="Outcome{T}"/>; long calls take a
/// <see cref="CancellationToken"/>, and design and compare an <see cref="IProgress{T}"/> of lines.
/// </summary>
/// <example>
/// <code>
/// var loaded = SxCascadeEngine.Load("flowsheets/prnd-p507.yaml");
/// if (!loaded.Ok) { foreach (var e in loaded.Errors) Console.Error.WriteLine(e); return 2; }
/// var solved = SxCascadeEngine.TrySolve(loaded.Flowsheet!);
/// Console.WriteLine(solved.Ok ? SxCascadeEngine.ToJson(solved.Value!) : "not converged");
/// </code>
/// </example>
public static class SxCascadeEngine
{
    /// <summary>
    /// Reads, maps and validates the flowsheet file at <paramref name="path"/>, after the
    /// <c>--set</c>-style <paramref name="overrides"/> ("PATH=VALUE"). Never throws for bad input:
    /// every problem is in <see cref="LoadResult.Errors"/> with its line and column.
    /// </summary>
    public static LoadResult Load(string path, IReadOnlyList<string>? overrides = null) => FlowsheetLoader.LoadFile(path, overrides);

    /// <summary>As <see cref="Load"/>, from YAML text; <paramref name="name"/> names it in errors.</summary>
    public static LoadResult LoadText(string yaml, string name = "<text>", IReadOnlyList<string>? overrides = null) =>
        FlowsheetLoader.Parse(yaml, name, overrides);

    /// <summary>Every problem of the file at <paramref name="path"/> (empty when it is valid), as <c>sxcascade check</c> finds them.</summary>
    public static IReadOnlyList<FlowsheetError> Check(string path, IReadOnlyList<string>? overrides = null) => Load(path, overrides).Errors;

    /// <summary>Every problem of a flowsheet built in code, by dotted key path (<see cref="Engine.Validate"/>).</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Flowsheet flowsheet) => Engine.Validate(flowsheet);

    /// <inheritdoc cref="Engine.Solve"/>
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true, CancellationToken cancellation = default) =>
        Engine.Solve(flowsheet, fallback, cancellation);

    /// <inheritdoc cref="Engine.TrySolve"/>
    public static Outcome<FlowsheetResult> TrySolve(Flowsheet flowsheet, bool fallback = true, CancellationToken cancellation = default) =>
        Engine.TrySolve(flowsheet, fallback, cancellation);

    /// <inheritdoc cref="Engine.Design"/>
    public static DesignResult Design(Flowsheet template, DesignOptions? options = null, CancellationToken cancellation = default) =>
        Engine.Design(template, options, cancellation);

    /// <inheritdoc cref="Engine.TryDesign"/>
    public static Outcome<DesignResult> TryDesign(Flowsheet template, DesignOptions? options = null, CancellationToken cancellation = default) =>
        Engine.TryDesign(template, options, cancellation);

    /// <inheritdoc cref="Engine.Compare"/>
    public static ComparisonResult Compare(IReadOnlyList<TechniqueCase> cases, CompareOptions? options = null, CancellationToken cancellation = default) =>
        Engine.Compare(cases, options, cancellation);

    /// <inheritdoc cref="Engine.TryCompare"/>
    public static Outcome<ComparisonResult> TryCompare(IReadOnlyList<TechniqueCase> cases, CompareOptions? options = null, CancellationToken cancellation = default) =>
        Engine.TryCompare(cases, options, cancellation);

    /// <summary>Reads shake-test data (CSV, docs/format.md §13); every problem with its line and column.</summary>
    public static ShakeTestReadResult ReadShakeTest(string path) => ShakeTestCsv.ReadFile(path);

    /// <inheritdoc cref="Engine.TryFit"/>
    public static (FitResult? Fit, IReadOnlyList<FitIssue> Issues) TryFit(ShakeTestData data, DistributionLawKind law, IReadOnlyList<string>? terms = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Engine.TryFit(data.Points, law, terms, data.PercentVolume);
    }

    /// <summary>The "sxcascade-result/1" document of <paramref name="result"/> (what <c>run --json</c> prints).</summary>
    public static string ToJson(FlowsheetResult result) => ResultJsonWriter.ToJson(result);

    /// <summary>The "sxcascade-design/1" document of <paramref name="design"/>.</summary>
    public static string ToJson(DesignResult design) => DesignJsonWriter.ToJson(design);

    /// <summary>The "sxcascade-comparison/1" document of <paramref name="comparison"/>.</summary>
    public static string ToJson(ComparisonResult comparison) => ComparisonJsonWriter.ToJson(comparison);

    /// <summary>The typed result document (the same fields as the JSON) of <paramref name="result"/>.</summary>
    public static ResultDocument Document(FlowsheetResult result) => ResultDocument.From(result);

    /// <summary>Reads a result document written by <c>run --json</c> or <c>run --out</c> (summary.json).</summary>
    public static ResultDocument ReadResult(string path)
    {
        using var stream = File.OpenRead(path);
        return ResultJsonReader.Read(stream);
    }
}
