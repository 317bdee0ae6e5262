using System.CommandLine;
using SxCascade.IO;
using SxCascade.Plots;

namespace SxCascade.Cli;

/// <summary><c>sxcascade plot SWEEP.parquet --x PATH [--y PATH] --color METRIC --out FILE</c>: a heat map or line plot of a sweep.</summary>
internal static class PlotCommand
{
    /// <summary>Shown under "Examples:" in <c>plot --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade plot sweeps/prnd/rows.parquet --x cascades.PrNd.scrub.flow --y cascades.PrNd.organic.flow --color purity.PrNd.raffinate.Pr --out prnd-purity.png",
        "sxcascade plot sweeps/line/rows.parquet --x cascades.PrNd.scrub.flow --color acid_kg_per_kg_oxide --out acid.png",
    ];

    /// <summary>The <c>plot</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var table = new Argument<string>("SWEEP") { Description = "A sweep's rows.parquet (sweep --format parquet, or merge --format parquet)." };
        var x = new Option<string>("--x") { Description = "The input on the horizontal axis (an axis path of the sweep).", Required = true, HelpName = "PATH" };
        var y = new Option<string?>("--y") { Description = "A second input, on the vertical axis: a heat map (grid) or coloured squares (sample). Without it, a line plot.", HelpName = "PATH" };
        var color = new Option<string>("--color") { Description = "The result shown: a column of the table, e.g. purity.PrNd.raffinate.Pr or cost_per_kg_oxide.", Required = true, HelpName = "METRIC" };
        var output = new Option<string>("--out", "-o") { Description = "The PNG file to write; an SVG is written beside it.", Required = true, HelpName = "FILE.png" };
        var command = new Command("plot", "Draw a sweep: a heat map over two inputs or a line over one, the cases meeting every spec marked.") { table, x, y, color, output };
        command.SetAction(parse => Execute(context, parse.GetValue(table)!, parse.GetValue(x)!, parse.GetValue(y), parse.GetValue(color)!, parse.GetValue(output)!));
        return command;
    }

    /// <summary>Draws; returns the exit code.</summary>
    internal static int Execute(CliContext context, string path, string x, string? y, string color, string output)
    {
        int Usage(string message)
        {
            Diagnostics.WriteUsageErrors([message], "sxcascade plot", context.Stderr);
            return ExitCodes.InvalidInput;
        }
        if (!output.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) return Usage($"--out {output}: give a file name ending in .png");
        if (!File.Exists(path)) return Usage($"{path}: no such file; give a sweep's rows.parquet");
        SweepTable t;
        try
        {
            t = SweepTable.Read(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidCastException or KeyNotFoundException or NotSupportedException)
        {
            return Usage($"{path}: not a sweep table in Parquet ({e.Message})");
        }
        string Columns() => string.Join(", ", t.Names.Where(n => n is not ("case" or "status" or "reason" or "iterations" or "specs_met")));
        foreach (var (option, name) in new[] { ("--x", x), ("--y", y), ("--color", color) })
            if (name is not null && (!t.Names.Contains(name) || name is "case" or "status" or "reason" or "specs_met"))
                return Usage($"{option} {name}: not a numeric column of {path}; its columns are {Columns()}");
        double[] Values(string name) => t.Doubles(name).Select(v => v ?? double.NaN).ToArray();
        var plot = SweepFigure.Build(x, Values(x), y, y is null ? null : Values(y), color,
            t.Names.Contains(color) && color == "iterations" ? t.Ints(color).Select(i => (double?)i).ToArray() : t.Doubles(color),
            t.Bools("specs_met"), $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}: {color}");
        string svg = Path.ChangeExtension(output, ".svg");
        try
        {
            var tx = new OutputTransaction(context.Stderr);
            var style = FigureStyle.Screen;
            var figure = FigureFile.Of(plot, style.Width, style.HeightFor(SweepFigure.Aspect));
            tx.File(output, staging => File.WriteAllBytes(staging, figure.Png(style.Dpi)));
            tx.File(svg, staging => File.WriteAllText(staging, figure.Svg()));
            tx.Commit();
        }
        catch (OutputException e)
        {
            context.Stderr.WriteLine($"sxcascade: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        context.Stdout.WriteLine($"Wrote {output} and {svg}");
        return ExitCodes.Done;
    }
}
