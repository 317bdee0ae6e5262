using System.Runtime.CompilerServices;
using SxCascade.Comparison;
using SxCascade.Plots;

namespace SxCascade.Cli;

/// <summary>
/// The figures and the HTML report of <c>compare</c>, the only calls of <c>compare</c> into
/// SxCascade.Plots. As with <see cref="ProfilePlot"/>, each sits in its own never-inlined method and
/// hands back plain strings, so that ScottPlot and SkiaSharp load only when --out or --report asks
/// for them.
/// </summary>
internal static class ComparePlots
{
    /// <summary>One figure as SVG text, with its file stem and a caption.</summary>
    /// <param name="Stem">File stem, e.g. compare-metrics.</param>
    /// <param name="Caption">What the figure shows, one sentence.</param>
    /// <param name="Svg">The SVG document as saved (XML declaration first).</param>
    internal sealed record FigureSvg(string Stem, string Caption, string Svg);

    /// <summary>
    /// Writes compare-metrics, compare-profiles, compare-purity-stages and compare-tradeoff as PNG
    /// and SVG into <paramref name="directory"/>; returns the file names written.
    /// </summary>
    /// <param name="c">The comparison.</param>
    /// <param name="directory">Where to write.</param>
    /// <param name="figures">The figure options.</param>
    /// <param name="svgs">The figures as SVG when already made for the report (written as they are), else null.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<string> Save(ComparisonResult c, string directory, FigureRequest figures, IReadOnlyList<FigureSvg>? svgs = null)
    {
        var setup = figures.Resolve();
        return ComparisonFigures.Save(c, directory, svgs?.ToDictionary(f => ComparisonFigures.All.First(k => ComparisonFigures.FileStem(k) == f.Stem), f => f.Svg),
                setup.Style, setup.Formats)
            .Select(p => Path.GetFileName(p)).ToList();
    }

    /// <summary>Writes the self-contained HTML report (<see cref="CompareHtmlReport"/>), dated now, with the figures given or drawn.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteReport(ComparisonResult c, TextWriter w, IReadOnlyList<FigureSvg>? svgs = null, ReportRun? run = null) =>
        CompareHtmlReport.Write(c, w, DateTimeOffset.UtcNow, svgs ?? Svgs(c), run);

    /// <summary>The four figures as SVG text, in the order they are saved.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<FigureSvg> Svgs(ComparisonResult c) =>
        ComparisonFigures.All.Select(kind => new FigureSvg(ComparisonFigures.FileStem(kind), Caption(kind, c), ComparisonFigures.Svg(c, kind))).ToList();

    private static string Caption(ComparisonFigure kind, ComparisonResult c) => kind switch
    {
        ComparisonFigure.Metrics =>
            "Stages per section, reagents and effluent salt per kg of product oxide, organic flow and organic inventory of each technique.",
        ComparisonFigure.Profiles =>
            $"Aqueous concentration of the key elements ({string.Join(", ", c.KeyElements)}) at every stage, log scale; colour by technique, line and marker by element; dotted lines mark each technique's section boundaries.",
        ComparisonFigure.PurityStages =>
            "Impurity (1 − purity) of each technique's first product against its total stages, every section scaled by 0.5 to 1.5 with the flows fixed; diamonds mark the techniques as compared.",
        ComparisonFigure.Tradeoff => c.Designed
            ? "Fewest total stages meeting the specs against acid + base per kg of product oxide along each technique's design curve; diamonds mark the chosen designs."
            : "Total stages against acid + base per kg of product oxide, one point per technique as given (compare --design draws each technique's design curve).",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
