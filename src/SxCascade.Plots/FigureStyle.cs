using System.Globalization;
using ScottPlot;

namespace SxCascade.Plots;

/// <summary>The named figure sizes of <c>--figure-size</c>.</summary>
public enum FigureSizeKind
{
    /// <summary>1000 px wide at 96 dpi (26.5 cm), fonts for a screen; titles on.</summary>
    Screen,
    /// <summary>One journal column, 8.5 cm wide; titles off unless asked for.</summary>
    Column,
    /// <summary>Two journal columns, 17.5 cm wide; titles off unless asked for.</summary>
    Double,
    /// <summary>Width × height given in pixels at 96 dpi (<c>--figure-size 1200x700</c>).</summary>
    Custom,
}

/// <summary>
/// The one figure style every SxCascade figure is drawn with: canvas size, resolution, fonts in
/// points, line and marker sizes, the palette and where the legend may go. A figure is laid out on a
/// canvas of <see cref="CanvasWidth"/> × height logical pixels (1/96 inch), so a font of
/// <c>p</c> points is <c>p·96/72</c> logical pixels high whatever the output resolution; PNG is then
/// drawn at <see cref="Dpi"/>, SVG in logical pixels and PDF in points (<see cref="FigureFile"/>).
/// </summary>
/// <param name="Size">Which size this is.</param>
/// <param name="CanvasWidth">Width of the canvas, logical px (96 per inch): 8.5 cm = 321 px.</param>
/// <param name="CanvasHeight">Height for <see cref="FigureSizeKind.Custom"/>, logical px; null lets each figure
/// take its own aspect (<see cref="HeightFor"/>).</param>
/// <param name="Dpi">Resolution of PNG files, dots per inch (72..1200).</param>
/// <param name="ShowTitle">Draw titles over the figures.</param>
/// <param name="FontName">Font family; null for the first sans-serif face installed that has the sub- and superscript glyphs.</param>
/// <param name="TitlePoints">Title font, pt.</param>
/// <param name="LabelPoints">Axis label font, pt.</param>
/// <param name="TickPoints">Tick label font, pt.</param>
/// <param name="LegendPoints">Legend font, pt.</param>
/// <param name="AnnotationPoints">Font of texts in the data area, pt.</param>
/// <param name="LineWidth">Width of data lines, logical px.</param>
/// <param name="MarkerSize">Size of data markers, logical px.</param>
/// <param name="Palette">Series colours, in order (colour-blind safe by default, <see cref="DefaultPalette"/>).</param>
/// <param name="MinDataFraction">Smallest share of the canvas width (and height) the data area keeps: a legend that
/// would take more moves below the data, and one that does not fit there either is set in smaller type (0.3..0.95).</param>
public sealed record FigureStyle(
    FigureSizeKind Size,
    double CanvasWidth,
    double? CanvasHeight,
    int Dpi,
    bool ShowTitle,
    string? FontName,
    float TitlePoints,
    float LabelPoints,
    float TickPoints,
    float LegendPoints,
    float AnnotationPoints,
    float LineWidth,
    float MarkerSize,
    IReadOnlyList<Color> Palette,
    double MinDataFraction)
{
    /// <summary>Logical pixels per centimetre: 96 px per inch / 2.54 cm per inch.</summary>
    public const double PixelsPerCm = 96 / 2.54;

    /// <summary>Width of one journal column, cm.</summary>
    public const double ColumnCm = 8.5;

    /// <summary>Width of two journal columns, cm.</summary>
    public const double DoubleCm = 17.5;

    /// <summary>Width of the screen size, logical px.</summary>
    public const int ScreenWidth = 1000;

    /// <summary>
    /// Paul Tol's "muted" scheme (nine colours told apart with the common colour-vision
    /// deficiencies, https://personal.sron.nl/~pault/) with black first; with
    /// <see cref="Markers"/> (seven shapes) every series of up to 70 has its own pair.
    /// </summary>
    public static IReadOnlyList<Color> DefaultPalette { get; } =
    [
        Color.FromHex("#332288"), Color.FromHex("#CC6677"), Color.FromHex("#117733"), Color.FromHex("#88CCEE"),
        Color.FromHex("#882255"), Color.FromHex("#DDCC77"), Color.FromHex("#44AA99"), Color.FromHex("#999933"),
        Color.FromHex("#AA4499"), Color.FromHex("#000000"),
    ];

    /// <summary>Marker shapes, in order; series k gets colour k mod 10 and marker k mod 7.</summary>
    public static IReadOnlyList<MarkerShape> Markers { get; } =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare,
    ];

    /// <summary>The screen style: 1000 px wide, titles on, fonts as the figures had before sizes existed.</summary>
    public static FigureStyle Screen { get; } = new(
        FigureSizeKind.Screen, ScreenWidth, null, 96, true, null,
        TitlePoints: 15, LabelPoints: 12.75f, TickPoints: 10.5f, LegendPoints: 10.5f, AnnotationPoints: 10,
        LineWidth: 2, MarkerSize: 6, DefaultPalette, MinDataFraction: 0.6);

    /// <summary>One journal column (8.5 cm) at 600 dpi: 8 pt labels, 7 pt ticks, no title.</summary>
    public static FigureStyle Column { get; } = new(
        FigureSizeKind.Column, ColumnCm * PixelsPerCm, null, 600, false, null,
        TitlePoints: 9, LabelPoints: 8, TickPoints: 7, LegendPoints: 6.5f, AnnotationPoints: 6.5f,
        LineWidth: 1.2f, MarkerSize: 4, DefaultPalette, MinDataFraction: 0.55);

    /// <summary>Two journal columns (17.5 cm) at 600 dpi: 9 pt labels, 8 pt ticks, no title.</summary>
    public static FigureStyle Double { get; } = Column with
    {
        Size = FigureSizeKind.Double, CanvasWidth = DoubleCm * PixelsPerCm,
        TitlePoints = 10, LabelPoints = 9, TickPoints = 8, LegendPoints = 8, AnnotationPoints = 7.5f,
        LineWidth = 1.5f, MarkerSize = 5, MinDataFraction = 0.6,
    };

    /// <summary>Points to logical pixels: p·96/72.</summary>
    public static float Px(float points) => points * 96f / 72f;

    /// <summary>Title font, logical px.</summary>
    public float TitleSize => Px(TitlePoints);

    /// <summary>Axis label font, logical px.</summary>
    public float LabelSize => Px(LabelPoints);

    /// <summary>Tick label font, logical px.</summary>
    public float TickSize => Px(TickPoints);

    /// <summary>Legend font, logical px.</summary>
    public float LegendSize => Px(LegendPoints);

    /// <summary>Annotation font, logical px.</summary>
    public float AnnotationSize => Px(AnnotationPoints);

    /// <summary>Ratio of print pixels to logical pixels: dpi / 96.</summary>
    public float PixelScale => Dpi / 96f;

    /// <summary>Whether this is a print size (column or double): smaller type, no title by default.</summary>
    public bool Print => Size is FigureSizeKind.Column or FigureSizeKind.Double;

    /// <summary>Canvas width rounded to whole logical pixels.</summary>
    public int Width => (int)Math.Round(CanvasWidth);

    /// <summary>
    /// The canvas height of a figure whose natural height is <paramref name="aspect"/> × width: the
    /// custom height when one was given, else width × aspect (print sizes a little taller than the
    /// screen's 0.6, so that axes, legend and data share a small canvas).
    /// </summary>
    public int HeightFor(double aspect) =>
        CanvasHeight is { } h ? (int)Math.Round(h) : (int)Math.Round(CanvasWidth * (Print && aspect < 0.8 ? aspect * 1.25 : aspect));

    /// <summary>
    /// A new plot with this style's title and axis labels; the one place every figure starts from.
    /// </summary>
    /// <param name="title">Title (shown when <see cref="ShowTitle"/>), or null for none.</param>
    /// <param name="xLabel">Bottom axis label.</param>
    /// <param name="yLabel">Left axis label.</param>
    public Plot NewPlot(string? title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (title is not null) plot.Title(title, TitleSize);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        return plot;
    }

    /// <summary>
    /// Finishes a figure of <paramref name="width"/> × <paramref name="height"/> logical px: the
    /// fonts (<see cref="ApplyFonts"/>), a title that fits the width (<see cref="FitTitle"/>) and the
    /// legend outside the data (<see cref="PlaceLegend"/>), or none when <paramref name="legend"/> is false.
    /// </summary>
    /// <returns>The legend band, or null without a legend.</returns>
    public LegendBand? Finish(Plot plot, int width, int height, bool legend = true)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ApplyFonts(plot);
        LegendBand? band = null;
        if (legend) band = PlaceLegend(plot, width, height);
        else plot.Legend.IsVisible = false;
        // each step measures on the last drawing and draws again only after a step changed something
        // (placing the legend ends with a drawing of the plot as it is)
        bool stale = band is not { IsVisible: true };
        stale = FitTitle(plot, width, height, stale);
        stale = FitAxisLabels(plot, width, height, stale);
        KeepTextsInside(plot, width, height, stale);
        return band;
    }

    /// <summary>
    /// Makes each axis label fit along its axis: a label is centred on the data area, so it may be
    /// twice as long as the nearer canvas edge is from that centre; longer labels get smaller type
    /// (down to the tick size), then a second line broken at the space nearest the middle.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Canvas width, logical px.</param>
    /// <param name="height">Canvas height, logical px.</param>
    /// <param name="stale">Whether the plot changed since it was last drawn at this size (then it is drawn first).</param>
    /// <returns>Whether the plot is now changed since it was last drawn.</returns>
    public bool FitAxisLabels(Plot plot, int width, int height, bool stale = true)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (stale) plot.RenderInMemory(width, height);
        bool changed = false;
        var data = plot.LastRender.DataRect;
        using var paint = Paint.NewDisposablePaint();
        foreach (var axis in plot.Axes.GetAxes().Where(a => a.IsVisible && !string.IsNullOrEmpty(a.Label.Text)))
        {
            var label = axis.Label;
            bool vertical = axis.Edge is Edge.Left or Edge.Right;
            float centre = vertical ? data.VerticalCenter : data.HorizontalCenter, extent = vertical ? height : width;
            float room = 2 * Math.Min(centre, extent - centre) - 4 - label.PixelPadding.Horizontal;
            while (label.Measure(label.Text, paint).Width > room && label.FontSize > TickSize)
            {
                label.FontSize -= 0.5f;
                changed = true;
            }
            if (label.Measure(label.Text, paint).Width <= room || label.Text.Contains('\n', StringComparison.Ordinal)) continue;
            int middle = label.Text.Length / 2, space = -1;
            for (int d = 0; d < middle && space < 0; d++)
                space = label.Text.Length > middle + d && label.Text[middle + d] == ' ' ? middle + d : label.Text[middle - d] == ' ' ? middle - d : -1;
            if (space > 0)
            {
                label.Text = label.Text[..space] + "\n" + label.Text[(space + 1)..];
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>
    /// Moves every horizontal text of the data area (section names, target labels, notes) that would
    /// run over the edge of the data area back inside it, by the pixels it overruns: texts are placed
    /// in data coordinates, but their length is in pixels and only known once drawn. Draws the plot
    /// once at <paramref name="width"/> × <paramref name="height"/> to measure.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Canvas width, logical px.</param>
    /// <param name="height">Canvas height, logical px.</param>
    /// <param name="stale">Whether the plot changed since it was last drawn at this size (then it is drawn first).</param>
    public static void KeepTextsInside(Plot plot, int width, int height, bool stale = true)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var texts = plot.GetPlottables<ScottPlot.Plottables.Text>().Where(t => t.LabelRotation == 0).ToArray();
        if (texts.Length == 0) return;
        const float margin = 2;
        // first pass: a text beside a point that overruns on its side goes to the other side
        if (stale) plot.RenderInMemory(width, height);
        var data = plot.LastRender.DataRect;
        bool flipped = false;
        foreach (var t in texts)
        {
            var r = t.LabelLastRenderPixelRect;
            if (!(r.Width > 0)) continue;
            bool overLeft = r.Left < data.Left + margin, overRight = r.Right > data.Right - margin;
            if ((overLeft && t.LabelAlignment == Alignment.MiddleRight) || (overRight && t.LabelAlignment == Alignment.MiddleLeft))
            {
                t.LabelAlignment = t.LabelAlignment == Alignment.MiddleRight ? Alignment.MiddleLeft : Alignment.MiddleRight;
                t.OffsetX = -t.OffsetX;
                flipped = true;
            }
        }
        if (flipped) plot.RenderInMemory(width, height);
        foreach (var t in texts)
        {
            var r = t.LabelLastRenderPixelRect;
            if (!(r.Width > 0)) continue;
            float dx = r.Left < data.Left + margin ? data.Left + margin - r.Left
                : r.Right > data.Right - margin ? Math.Max(data.Right - margin - r.Right, data.Left + margin - r.Left) : 0;
            float dy = r.Top < data.Top + margin ? data.Top + margin - r.Top
                : r.Bottom > data.Bottom - margin ? Math.Max(data.Bottom - margin - r.Bottom, data.Top + margin - r.Top) : 0;
            t.OffsetX += dx;
            t.OffsetY += dy;
        }
    }

    /// <summary>Draws a data series in this style: colour and marker of <paramref name="index"/>, line width and marker size.</summary>
    public void Series(ScottPlot.Plottables.Scatter series, int index, bool line = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        series.Color = ColorOf(index);
        series.MarkerShape = MarkerOf(index);
        series.MarkerSize = MarkerSize;
        series.LineWidth = line ? LineWidth : 0;
    }

    /// <summary>
    /// Makes the title fit the canvas: it is centred over the data area, so it may be twice as wide
    /// as the nearer canvas edge is from that centre. Smaller type down to the label size, then
    /// broken at spaces onto more lines, then within words; a long flowsheet name never runs off the canvas.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="width">Canvas width, logical px.</param>
    /// <param name="height">Canvas height, logical px.</param>
    /// <param name="stale">Whether the plot changed since it was last drawn at this size (then it is drawn first).</param>
    /// <returns>Whether the plot is now changed since it was last drawn.</returns>
    public bool FitTitle(Plot plot, int width, int height, bool stale = true)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var label = plot.Axes.Title.Label;
        if (!plot.Axes.Title.IsVisible || string.IsNullOrEmpty(label.Text)) return stale;
        if (stale) plot.RenderInMemory(width, height);
        string text = label.Text;
        float size = label.FontSize;
        float centre = plot.LastRender.DataRect.HorizontalCenter;
        // the box drawn is the text and the label's padding; ScottPlot's measure of bold text runs
        // a few per cent short of what it draws
        float room = 0.92f * (2 * Math.Min(centre, width - centre) - 4 - label.PixelPadding.Horizontal);
        using var paint = Paint.NewDisposablePaint();
        float Measure() => label.Measure(label.Text, paint).Width;
        while (Measure() > room && label.FontSize > LabelSize) label.FontSize -= 0.5f;
        if (Measure() <= room) return label.FontSize != size;
        var words = label.Text.Replace("\n", " ", StringComparison.Ordinal).Split(' ');
        var lines = new List<string>();
        string line = "";
        foreach (var word in words)
        {
            string candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && label.Measure(candidate, paint).Width > room)
            {
                lines.Add(line);
                line = word;
            }
            else line = candidate;
            // a word longer than the room is broken where it must be
            while (label.Measure(line, paint).Width > room && line.Length > 1)
            {
                int cut = line.Length - 1;
                while (cut > 1 && label.Measure(line[..cut], paint).Width > room) cut--;
                lines.Add(line[..cut]);
                line = line[cut..];
            }
        }
        lines.Add(line);
        label.Text = string.Join("\n", lines);
        return label.Text != text || label.FontSize != size;
    }

    /// <summary>Colour of series <paramref name="index"/>.</summary>
    public Color ColorOf(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Marker of series <paramref name="index"/>.</summary>
    public static MarkerShape MarkerOf(int index) => Markers[((index % Markers.Count) + Markers.Count) % Markers.Count];

    /// <summary>
    /// The style of <c>--figure-size</c>: column, double, screen or WxH (pixels at 96 dpi, 100..10000
    /// each), or null with <paramref name="error"/> saying what would be valid.
    /// </summary>
    public static FigureStyle? ForSize(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        switch (text.Trim().ToLowerInvariant())
        {
            case "screen": return Screen;
            case "column": return Column;
            case "double": return Double;
        }
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w is >= 100 and <= 10000 && h is >= 100 and <= 10000)
            return Screen with { Size = FigureSizeKind.Custom, CanvasWidth = w, CanvasHeight = h };
        error = $"'{text}' is not a figure size: use column (8.5 cm), double (17.5 cm), screen (1000 px) or WxH in pixels, e.g. 1200x700 (100 to 10000 each)";
        return null;
    }

    /// <summary>The font used: <see cref="FontName"/>, else a sans-serif face that has the glyphs of 10⁻³ and S_min.</summary>
    public string? Font => FontName ?? Typography.SansFont;

    /// <summary>
    /// Applies the fonts of this style to the title, axis labels, tick labels and every text of
    /// <paramref name="plot"/>; hides the title when <see cref="ShowTitle"/> is false. Call after
    /// the plottables are added.
    /// </summary>
    public void ApplyFonts(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (Font is { } font)
        {
            plot.Font.Set(font);
            foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>()) text.LabelFontName = font;
            foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Annotation>()) text.LabelFontName = font;
            foreach (var bars in plot.GetPlottables<ScottPlot.Plottables.BarPlot>()) bars.ValueLabelStyle.FontName = font;
        }
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.IsVisible = ShowTitle && !string.IsNullOrEmpty(plot.Axes.Title.Label.Text);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = LabelSize;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize;
        }
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>()) text.LabelFontSize = AnnotationSize;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Annotation>()) text.LabelFontSize = AnnotationSize;
        foreach (var bars in plot.GetPlottables<ScottPlot.Plottables.BarPlot>()) bars.ValueLabelStyle.FontSize = AnnotationSize;
        if (!Print) return;
        // thinner frame and ticks at print size, where 1 logical px is 0.26 mm
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.FrameLineStyle.Width = 0.8f;
            axis.MajorTickStyle.Length = 3;
            axis.MajorTickStyle.Width = 0.8f;
            axis.MinorTickStyle.Length = 1.5f;
            axis.MinorTickStyle.Width = 0.6f;
        }
    }

    /// <summary>The legend's font, no frame or shadow, and at print sizes tighter spacing.</summary>
    public void StyleLegend(Legend legend)
    {
        ArgumentNullException.ThrowIfNull(legend);
        legend.FontSize = LegendSize;
        if (Font is { } font) legend.FontName = font;
        legend.ShadowColor = Colors.Transparent;
        legend.OutlineColor = Colors.Transparent;
        legend.BackgroundColor = Colors.Transparent;
        legend.TightHorizontalWrapping = true;
        if (!Print) return;
        // long enough for a dash, a gap and a dash: a dashed line must read dashed in the legend
        legend.SymbolWidth = 24;
        legend.Padding = new PixelPadding(2, 2, 2, 2);
        legend.InterItemPadding = new PixelPadding(4, 8, 1, 1);
    }

    /// <summary>
    /// Puts the legend of <paramref name="plot"/> outside its data area (<see cref="LegendBand"/>):
    /// right of it when that leaves the data area <see cref="MinDataFraction"/> of
    /// <paramref name="width"/>, else below it across the canvas, in rows; smaller type (down to 5 pt)
    /// when even that would leave the data less than <see cref="MinDataFraction"/> of
    /// <paramref name="height"/>.
    /// </summary>
    /// <returns>The band holding the legend (its last drawn rectangle is for tests).</returns>
    public LegendBand PlaceLegend(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Legend.IsVisible = false;
        StyleLegend(plot.Legend);
        var band = new LegendBand(plot.Legend, this, width, height);
        plot.Axes.AddPanel(band);
        band.Choose(plot);
        return band;
    }

    /// <summary>The keys of a style file (<c>--style FILE</c>), each "key: value" on its own line.</summary>
    public static IReadOnlyList<string> StyleKeys { get; } =
    [
        "font", "title", "dpi", "title-size", "label-size", "tick-size", "legend-size", "annotation-size",
        "line-width", "marker-size", "palette", "min-data-fraction",
    ];

    /// <summary>
    /// This style with the settings of a style file: lines "key: value" (keys <see cref="StyleKeys"/>;
    /// sizes in pt, line width and marker size in px at 96 dpi, palette a comma-separated list of
    /// #RRGGBB; "#" starts a comment). Every problem is added to <paramref name="errors"/> as
    /// FILE:LINE:COLUMN: what is wrong and what would be valid; nothing is ignored.
    /// </summary>
    public FigureStyle WithStyleFile(string text, string file, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var style = this;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string raw = lines[n];
            int hash = raw.IndexOf('#', StringComparison.Ordinal);
            // a '#' after "palette:" starts a colour, not a comment
            string line = raw.TrimStart().StartsWith("palette", StringComparison.Ordinal) ? raw : hash < 0 ? raw : raw[..hash];
            if (string.IsNullOrWhiteSpace(line)) continue;
            int column = raw.Length - raw.TrimStart().Length + 1;
            void Error(string what) => errors.Add($"{file}:{n + 1}:{column}: {what}");
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                Error($"expected 'key: value', e.g. 'label-size: 8'; keys: {string.Join(", ", StyleKeys)}");
                continue;
            }
            string key = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            float Points(float low, float high)
            {
                if (float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && v >= low && v <= high) return v;
                Error($"{key} must be a number from {low.ToString(CultureInfo.InvariantCulture)} to {high.ToString(CultureInfo.InvariantCulture)}; got '{value}'");
                return float.NaN;
            }
            float f;
            switch (key)
            {
                case "font":
                    if (value.Length == 0) Error("font must name a font family, e.g. 'font: DejaVu Sans'");
                    else style = style with { FontName = value };
                    break;
                case "title":
                    if (value is "true" or "false") style = style with { ShowTitle = value == "true" };
                    else Error($"title must be true or false; got '{value}'");
                    break;
                case "dpi":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int dpi) && dpi is >= MinDpi and <= MaxDpi) style = style with { Dpi = dpi };
                    else Error($"dpi must be a whole number from {MinDpi} to {MaxDpi}; got '{value}'");
                    break;
                case "title-size": if (!float.IsNaN(f = Points(4, 40))) style = style with { TitlePoints = f }; break;
                case "label-size": if (!float.IsNaN(f = Points(4, 40))) style = style with { LabelPoints = f }; break;
                case "tick-size": if (!float.IsNaN(f = Points(4, 40))) style = style with { TickPoints = f }; break;
                case "legend-size": if (!float.IsNaN(f = Points(4, 40))) style = style with { LegendPoints = f }; break;
                case "annotation-size": if (!float.IsNaN(f = Points(4, 40))) style = style with { AnnotationPoints = f }; break;
                case "line-width": if (!float.IsNaN(f = Points(0.25f, 10))) style = style with { LineWidth = f }; break;
                case "marker-size": if (!float.IsNaN(f = Points(1, 30))) style = style with { MarkerSize = f }; break;
                case "min-data-fraction": if (!float.IsNaN(f = Points(0.3f, 0.95f))) style = style with { MinDataFraction = f }; break;
                case "palette":
                    var colours = value.Split(',', StringSplitOptions.TrimEntries);
                    if (colours.Length > 0 && colours.All(c => c.Length == 7 && c[0] == '#' && c[1..].All(char.IsAsciiHexDigit)))
                        style = style with { Palette = colours.Select(c => Color.FromHex(c)).ToArray() };
                    else Error($"palette must be colours #RRGGBB separated by commas, e.g. 'palette: #332288, #CC6677'; got '{value}'");
                    break;
                default:
                    Error($"unknown key '{key}'; keys: {string.Join(", ", StyleKeys)}");
                    break;
            }
        }
        return style;
    }

    /// <summary>Lowest resolution of <c>--dpi</c>.</summary>
    public const int MinDpi = 72;

    /// <summary>Highest resolution of <c>--dpi</c>.</summary>
    public const int MaxDpi = 1200;
}
