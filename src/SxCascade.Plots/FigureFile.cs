using System.Buffers.Binary;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace SxCascade.Plots;

/// <summary>The file formats of <c>--format</c>, any combination.</summary>
[Flags]
public enum FigureFormats
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>PNG at the style's dpi, with the resolution recorded in the file (pHYs).</summary>
    Png = 1,
    /// <summary>SVG in logical pixels (1/96 inch), text as text.</summary>
    Svg = 2,
    /// <summary>PDF drawn from the same vector drawing (Skia's PDF back end), text as text, page in points.</summary>
    Pdf = 4,
    /// <summary>PNG and SVG, the default.</summary>
    Default = Png | Svg,
}

/// <summary>
/// One figure ready to be written: its canvas size in logical pixels and how to draw it on a Skia
/// canvas. Every figure of SxCascade, single plot, stacked panels or grid, is written through here,
/// so PNG, SVG and PDF always show the same drawing.
/// </summary>
/// <param name="Width">Canvas width, logical px.</param>
/// <param name="Height">Canvas height, logical px.</param>
/// <param name="Draw">Draws the figure into the rectangle given (logical px).</param>
public sealed record FigureFile(int Width, int Height, Action<SKCanvas, PixelRect> Draw)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A single plot.</summary>
    public static FigureFile Of(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return new(width, height, (canvas, rect) => plot.Render(canvas, rect));
    }

    /// <summary>A multiplot (a grid of panels).</summary>
    public static FigureFile Of(Multiplot multiplot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(multiplot);
        return new(width, height, (canvas, rect) => multiplot.Render(canvas, rect));
    }

    /// <summary>
    /// Plots stacked one above the other, each in its own band of the canvas. Their data areas are
    /// first made equal in x (<see cref="AlignDataAreas"/>), so that a stage sits at the same x in
    /// every panel.
    /// </summary>
    public static FigureFile Stacked(int width, IReadOnlyList<(Plot Plot, int Height)> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        AlignDataAreas(width, panels);
        return new(width, panels.Sum(p => p.Height), (canvas, rect) =>
        {
            float top = rect.Top;
            foreach (var (plot, h) in panels)
            {
                // ScottPlot clears the canvas before it draws: clipped to the band, it clears the band only
                canvas.Save();
                canvas.ClipRect(new SKRect(rect.Left, top, rect.Right, top + h));
                plot.Render(canvas, new PixelRect(rect.Left, rect.Right, top + h, top));
                canvas.Restore();
                top += h;
            }
        });
    }

    /// <summary>
    /// Gives every panel the left and right padding of the widest of them (fixed padding; top and
    /// bottom keep each panel's own), so all data areas span the same x to the pixel.
    /// </summary>
    public static void AlignDataAreas(int width, IReadOnlyList<(Plot Plot, int Height)> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var rects = panels.Select(p =>
        {
            p.Plot.Layout.Default();
            p.Plot.RenderInMemory(width, p.Height);
            return p.Plot.LastRender.DataRect;
        }).ToArray();
        float left = rects.Max(r => r.Left), right = rects.Max(r => width - r.Right);
        for (int i = 0; i < panels.Count; i++)
        {
            panels[i].Plot.Layout.Fixed(new PixelPadding(left, right, panels[i].Height - rects[i].Bottom, rects[i].Top));
            FigureStyle.KeepTextsInside(panels[i].Plot, width, panels[i].Height);
        }
    }

    /// <summary>The PNG, <see cref="Width"/>·dpi/96 × <see cref="Height"/>·dpi/96 pixels, dpi recorded.</summary>
    public byte[] Png(int dpi)
    {
        float scale = dpi / 96f;
        int w = (int)Math.Round(Width * scale), h = (int)Math.Round(Height * scale);
        using var surface = SKSurface.Create(new SKImageInfo(w, h)) ?? throw new InvalidOperationException("cannot create a drawing surface");
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.Scale(scale);
        Draw(surface.Canvas, new PixelRect(0, Width, Height, 0));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return WithResolution(data.ToArray(), dpi);
    }

    /// <summary>The SVG document, <see cref="Width"/> × <see cref="Height"/> px.</summary>
    public string Svg()
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
        {
            Draw(canvas, new PixelRect(0, Width, Height, 0));
        }
        return NumberClipPaths(Utf8.GetString(stream.ToArray()));
    }

    // Skia numbers the clip paths of SVG documents with one counter per process (cl_4, cl_11, …), so
    // the same figure drawn twice in a process would differ; numbered in order from 1, it does not.
    private static string NumberClipPaths(string svg)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_([0-9a-f]+)\b", m =>
        {
            if (!numbers.TryGetValue(m.Groups[1].Value, out int n)) numbers[m.Groups[1].Value] = n = numbers.Count + 1;
            return "cl_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>
    /// The PDF, one page of <see cref="Width"/>·0.75 × <see cref="Height"/>·0.75 pt, with no dates
    /// in it (so the same figure gives the same bytes).
    /// </summary>
    public byte[] Pdf(string title, int dpi)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "SxCascade",
            Producer = "SxCascade (Skia PDF)",
            RasterDpi = dpi,
            EncodingQuality = 101,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = document.BeginPage(Width * 0.75f, Height * 0.75f);
            canvas.Scale(0.75f);
            Draw(canvas, new PixelRect(0, Width, Height, 0));
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Writes DIRECTORY/STEM.png, .svg and .pdf as <paramref name="formats"/> asks, in that order;
    /// returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Save(string directory, string stem, FigureStyle style, FigureFormats formats)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(style);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string Path_(string ext) => Path.Combine(directory, stem + ext);
        if (formats.HasFlag(FigureFormats.Png))
        {
            File.WriteAllBytes(Path_(".png"), Png(style.Dpi));
            written.Add(Path_(".png"));
        }
        if (formats.HasFlag(FigureFormats.Svg))
        {
            File.WriteAllText(Path_(".svg"), Svg(), Utf8);
            written.Add(Path_(".svg"));
        }
        if (formats.HasFlag(FigureFormats.Pdf))
        {
            File.WriteAllBytes(Path_(".pdf"), Pdf(stem, style.Dpi));
            written.Add(Path_(".pdf"));
        }
        return written;
    }

    /// <summary>"png,svg,pdf" (any order, any subset) as flags, or null with what would be valid.</summary>
    public static FigureFormats? ParseFormats(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var formats = FigureFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            formats |= part.ToLowerInvariant() switch
            {
                "png" => FigureFormats.Png,
                "svg" => FigureFormats.Svg,
                "pdf" => FigureFormats.Pdf,
                _ => FigureFormats.None,
            };
            if (part.ToLowerInvariant() is not ("png" or "svg" or "pdf"))
            {
                error = $"'{part}' is not a figure format: use png, svg or pdf, several separated by commas (e.g. png,pdf)";
                return null;
            }
        }
        return formats;
    }

    // PNG stores its resolution in a pHYs chunk (pixels per metre) right after IHDR; Skia writes none.
    private static byte[] WithResolution(byte[] png, int dpi)
    {
        const int afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
        uint perMetre = (uint)Math.Round(dpi / 0.0254);
        var chunk = new byte[21];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 9);
        "pHYs"u8.CopyTo(chunk.AsSpan(4));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8), perMetre);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(12), perMetre);
        chunk[16] = 1; // unit: metre
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(17), Crc32(chunk.AsSpan(4, 13)));
        return [.. png.AsSpan(0, afterHeader), .. chunk, .. png.AsSpan(afterHeader)];
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}

/// <summary>A figure ready to write and the plots it is drawn from, which are disposed with it.</summary>
/// <param name="File">The figure.</param>
/// <param name="Plots">The plots it draws (panels top to bottom, or the grid's panels).</param>
public sealed record DrawnFigure(FigureFile File, IReadOnlyList<Plot> Plots) : IDisposable
{
    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var plot in Plots) plot.Dispose();
    }
}
