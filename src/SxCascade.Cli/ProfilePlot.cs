using System.Runtime.CompilerServices;
using SxCascade.Plots;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>
/// The only place the CLI touches SxCascade.Plots. The runtime loads an assembly when a method that
/// uses it is compiled, so keeping this call in its own never-inlined method means ScottPlot and
/// SkiaSharp are loaded only when <c>--out</c> asks for figures, and a plain <c>run</c> starts fast.
/// </summary>
internal static class ProfilePlot
{
    /// <summary>Writes the stage-profile figures into <paramref name="directory"/> as <paramref name="figures"/> asks; returns the paths written.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<string> Save(FlowsheetResult result, string directory, FigureRequest figures)
    {
        var setup = figures.Resolve();
        var written = StageProfileFigure.Save(result, directory, setup.Style, setup.Formats).ToList();
        // a network (two cascades or more) also gets its diagram; a single cascade's is one box
        if (result.Cascades.Count >= 2)
            written.AddRange(FlowsheetDiagram.Save(result, directory, setup.Style, setup.Formats));
        return written;
    }
}
