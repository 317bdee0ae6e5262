using System.Runtime.CompilerServices;
using SxCascade.Design;
using SxCascade.Plots;

namespace SxCascade.Cli;

/// <summary>
/// The figures of <c>design --out DIR</c>, the only calls of <c>design</c> into SxCascade.Plots. As
/// with <see cref="ProfilePlot"/>, the call sits in its own never-inlined method, so that ScottPlot
/// and SkiaSharp are loaded only when --out asks for figures.
/// </summary>
internal static class DesignPlots
{
    /// <summary>
    /// Writes mccabe-thiele.png/.svg (the key pair at the chosen S, W and stage counts),
    /// design-curve.png/.svg and the designed cascade's stage-profile.png/.svg into
    /// <paramref name="directory"/>; returns the file names written.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<string> Save(DesignResult d, string directory, FigureRequest figures)
    {
        var c = d.Cascade;
        var (style, formats, _) = figures.Resolve();
        var paths = new List<string>();
        paths.AddRange(McCabeThieleFigure.Save(d.Shortcut, d.Extraction, d.Scrub, c.ExtractionStages, c.ScrubStages, directory, style, formats));
        paths.AddRange(DesignCurveFigure.Save(d.Curve, d.Shortcut.FenskeStages, d.Shortcut.MinimumExtraction, d.Extraction, directory, style, formats));
        paths.AddRange(StageProfileFigure.Save(d.Result, directory, style, formats));
        return paths.Select(p => Path.GetFileName(p)).ToList();
    }
}
