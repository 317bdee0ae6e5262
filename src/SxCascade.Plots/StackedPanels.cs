using System.Text;
using ScottPlot;
using SkiaSharp;

namespace SxCascade.Plots;

/// <summary>
/// Several plots stacked one above the other in one PNG or SVG. Each plot is rendered on its own
/// (ScottPlot paints a whole canvas when it renders) and the panels are then placed in bands.
/// </summary>
internal static class StackedPanels
{
    public static void SavePng(string path, int width, IReadOnlyList<(Plot Plot, int Height)> panels)
    {
        int height = panels.Sum(p => p.Height);
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("cannot create a drawing surface");
        surface.Canvas.Clear(SKColors.White);
        float top = 0;
        foreach (var (plot, h) in panels)
        {
            using var panel = SKBitmap.Decode(plot.GetImageBytes(width, h, ImageFormat.Png));
            surface.Canvas.DrawBitmap(panel, 0, top);
            top += h;
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    public static void SaveSvg(string path, int width, IReadOnlyList<(Plot Plot, int Height)> panels)
    {
        int height = panels.Sum(p => p.Height);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n");
        int top = 0;
        foreach (var (plot, h) in panels)
        {
            // nested <svg> elements keep each panel's own coordinate system
            string inner = plot.GetSvgXml(width, h);
            int start = inner.IndexOf("<svg", StringComparison.Ordinal);
            svg.Append(inner.AsSpan(start, 4)).Append($" x=\"0\" y=\"{top}\"").Append(inner.AsSpan(start + 4)).Append('\n');
            top += h;
        }
        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString(), new UTF8Encoding(false));
    }
}
