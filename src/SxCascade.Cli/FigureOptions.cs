using System.CommandLine;
using System.Runtime.CompilerServices;
using SxCascade.Plots;

namespace SxCascade.Cli;

/// <summary>
/// The figure options of every command that draws (<c>run</c>, <c>design</c>, <c>compare</c>,
/// <c>fit</c>), defined once: <c>--figure-size</c>, <c>--dpi</c>, <c>--format</c>, <c>--no-title</c>,
/// <c>--style</c>.
/// </summary>
internal sealed class FigureOptions
{
    private readonly Option<string?> _size = new("--figure-size")
    {
        Description = "Figure size: column (8.5 cm, 600 dpi, no title), double (17.5 cm, 600 dpi, no title), "
            + "screen (1000 px, the default) or WxH in pixels at 96 dpi, e.g. 1200x700.",
        HelpName = "SIZE",
    };

    private readonly Option<int?> _dpi = new("--dpi")
    {
        Description = $"Resolution of the PNG files, {FigureStyleLimits.MinDpi} to {FigureStyleLimits.MaxDpi} dots per inch "
            + "(default 600 for column and double, 96 for screen and WxH).",
        HelpName = "N",
    };

    private readonly Option<string?> _format = new("--format")
    {
        Description = "Figure files to write: png, svg, pdf, several separated by commas (default png,svg). "
            + "PDF and SVG are vector drawings with the text as text.",
        HelpName = "LIST",
    };

    private readonly Option<bool> _noTitle = new("--no-title")
    {
        Description = "Draw no titles over the figures (print sizes have none unless the style file asks for them).",
    };

    private readonly Option<string?> _style = new("--style")
    {
        Description = "Style file of 'key: value' lines overriding the size's fonts (pt), line width, marker size, palette, dpi "
            + "and title (see docs/cli.md, \"Figures\").",
        HelpName = "FILE",
    };

    /// <summary>Adds the five options to <paramref name="command"/>.</summary>
    public static FigureOptions AddTo(Command command)
    {
        var o = new FigureOptions();
        command.Options.Add(o._size);
        command.Options.Add(o._dpi);
        command.Options.Add(o._format);
        command.Options.Add(o._noTitle);
        command.Options.Add(o._style);
        return o;
    }

    /// <summary>The values given.</summary>
    public FigureRequest Read(ParseResult parse) =>
        new(parse.GetValue(_size), parse.GetValue(_dpi), parse.GetValue(_format), parse.GetValue(_noTitle), parse.GetValue(_style));
}

/// <summary>The dpi limits, without loading the plotting assembly for the help text.</summary>
internal static class FigureStyleLimits
{
    /// <summary>As <see cref="FigureStyle.MinDpi"/>.</summary>
    public const int MinDpi = 72;

    /// <summary>As <see cref="FigureStyle.MaxDpi"/>.</summary>
    public const int MaxDpi = 1200;
}

/// <summary>The figure options as given (null or false where not given).</summary>
/// <param name="Size">--figure-size.</param>
/// <param name="Dpi">--dpi.</param>
/// <param name="Formats">--format.</param>
/// <param name="NoTitle">--no-title.</param>
/// <param name="StyleFile">--style FILE.</param>
internal sealed record FigureRequest(string? Size, int? Dpi, string? Formats, bool NoTitle, string? StyleFile)
{
    /// <summary>No figure option given: the screen style, PNG and SVG.</summary>
    public static FigureRequest None { get; } = new(null, null, null, false, null);

    /// <summary>
    /// What is wrong with the options, each with what would be valid; empty when they can be used.
    /// The plotting assembly is loaded only when a figure option was given.
    /// </summary>
    public IReadOnlyList<string> Problems() => this == None ? [] : ResolvedProblems();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private IReadOnlyList<string> ResolvedProblems() => Resolve().Problems;

    /// <summary>The style and formats asked for, and the problems of the options.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public FigureSetup Resolve()
    {
        var problems = new List<string>();
        var style = FigureStyle.Screen;
        if (Size is not null)
        {
            if (FigureStyle.ForSize(Size, out var error) is { } sized) style = sized;
            else problems.Add($"--figure-size: {error}");
        }
        if (StyleFile is not null)
        {
            try
            {
                style = style.WithStyleFile(File.ReadAllText(StyleFile), StyleFile, problems);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"--style: cannot read {StyleFile}: {e.Message}");
            }
        }
        if (Dpi is { } dpi)
        {
            if (dpi is >= FigureStyle.MinDpi and <= FigureStyle.MaxDpi) style = style with { Dpi = dpi };
            else problems.Add($"--dpi must be a whole number from {FigureStyle.MinDpi} to {FigureStyle.MaxDpi}; got {dpi}");
        }
        if (NoTitle) style = style with { ShowTitle = false };
        var formats = FigureFormats.Default;
        if (Formats is not null)
        {
            if (FigureFile.ParseFormats(Formats, out var error) is { } parsed) formats = parsed;
            else problems.Add($"--format: {error}");
        }
        return new FigureSetup(style, formats, problems);
    }
}

/// <summary>The figure style and file formats to draw with.</summary>
/// <param name="Style">The style.</param>
/// <param name="Formats">The formats.</param>
/// <param name="Problems">What was wrong with the options (then nothing is drawn).</param>
internal sealed record FigureSetup(FigureStyle Style, FigureFormats Formats, IReadOnlyList<string> Problems);
