using ScottPlot;
using ScottPlot.Panels;

namespace SxCascade.Plots;

/// <summary>
/// A legend outside the data area, as a panel of the plot's layout: a band right of the axes (in
/// columns over the canvas height) or a band below them (in rows across the canvas width). Unlike
/// ScottPlot's own edge legend, which measures one unbroken column or row and clips what does not
/// fit, this band measures the legend wrapped as it will be drawn, so the layout gives it the room it
/// takes and nothing of it is cut off. <see cref="FigureStyle.PlaceLegend"/> chooses the side.
/// </summary>
public sealed class LegendBand : PanelBase
{
    private const float Gap = 4;
    private const float MinimumPoints = 5;
    private readonly Legend _legend;
    private readonly FigureStyle _style;
    private readonly float _width;
    private readonly float _height;
    private PixelSize _size;

    internal LegendBand(Legend legend, FigureStyle style, int width, int height)
    {
        _legend = legend;
        _style = style;
        _width = width;
        _height = height;
        Edge = Edge.Right;
    }

    /// <summary>The rectangle the legend was last drawn in, logical px of the canvas (for tests); empty before.</summary>
    public PixelRect LastRect { get; private set; }

    /// <summary>Legend font chosen, logical px (smaller than the style's when the legend would not fit otherwise).</summary>
    public float FontSize => _legend.FontSize ?? _style.LegendSize;

    /// <summary>
    /// Picks the side and the font by drawing <paramref name="plot"/>: right of the data when the
    /// data area keeps <see cref="FigureStyle.MinDataFraction"/> of the width, else below it when
    /// the data keeps that fraction less 0.15 of the height, else the same in type half a point
    /// smaller, down to 5 pt (then below).
    /// </summary>
    internal void Choose(Plot plot)
    {
        if (_legend.GetItems().Length == 0)
        {
            IsVisible = false;
            return;
        }
        double f = _style.MinDataFraction;
        for (float points = _style.LegendPoints; points >= MinimumPoints; points -= 0.5f)
        {
            _legend.FontSize = FigureStyle.Px(points);
            foreach (var orientation in new[] { Orientation.Vertical, Orientation.Horizontal })
            {
                Edge = orientation == Orientation.Vertical ? Edge.Right : Edge.Bottom;
                _size = Measured(orientation);
                plot.RenderInMemory((int)_width, (int)_height);
                var data = plot.LastRender.DataRect;
                if (data.Width >= f * _width && data.Height >= (f - 0.15) * _height) return;
            }
        }
        _legend.FontSize = FigureStyle.Px(MinimumPoints);
        Edge = Edge.Bottom;
        _size = Measured(Orientation.Horizontal);
    }

    private PixelSize Measured(Orientation orientation)
    {
        _legend.Orientation = orientation;
        using var paint = Paint.NewDisposablePaint();
        var available = orientation == Orientation.Vertical
            ? new PixelSize(float.PositiveInfinity, _height - 2 * Gap)
            : new PixelSize(_width - 2 * Gap, float.PositiveInfinity);
        return _legend.GetLayout(available, paint).LegendRect.Size;
    }

    /// <inheritdoc/>
    public override float Measure(Paint paint) =>
        !IsVisible ? 0 : Edge == Edge.Right ? _size.Width + 2 * Gap : _size.Height + 2 * Gap;

    /// <inheritdoc/>
    public override void Render(RenderPack rp, float size, float offset)
    {
        ArgumentNullException.ThrowIfNull(rp);
        if (!IsVisible) return;
        var panel = GetPanelRect(rp.DataRect, size, offset, rp.Paint);
        // the band spans the canvas across, not only the data area, as it was measured
        var figure = rp.FigureRect;
        PixelRect rect = Edge == Edge.Right
            ? new PixelRect(panel.Left + Gap, panel.Right - Gap, figure.Bottom - Gap, figure.Top + Gap)
            : new PixelRect(figure.Left + Gap, figure.Right - Gap, panel.Bottom - Gap, panel.Top + Gap);
        var alignment = Edge == Edge.Right ? Alignment.MiddleLeft : Alignment.UpperCenter;
        bool visible = _legend.IsVisible;
        _legend.IsVisible = true;
        _legend.Render(rp.Canvas, rp.Paint, rect, alignment);
        _legend.IsVisible = visible;
        LastRect = new PixelRect(0, _legend.LastRenderSize.Width, _legend.LastRenderSize.Height, 0).AlignedInside(rect, alignment);
    }
}
