using System.CommandLine;
using SxCascade.IO;

namespace SxCascade.Cli;

/// <summary><c>sxcascade check FILE</c>: load and validate only; every problem at once, nothing solved.</summary>
internal static class CheckCommand
{
    /// <summary>Shown under "Examples:" in <c>check --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade check flowsheets/prnd-p507.yaml",
        "sxcascade check flowsheets/prnd-p507.yaml --set cascades.PrNd.feed.stage=25",
    ];

    /// <summary>The <c>check</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var file = SharedOptions.FlowsheetFile();
        var overrides = SharedOptions.Set();
        var json = new Option<bool>("--json")
        {
            Description = "Print the check as JSON (format sxcascade-check/1: valid, errors with file, line, column and message, cascades, stages, elements) and nothing else on stdout.",
        };
        var command = new Command("check", "Validate a flowsheet without solving it: every problem at once, as FILE:LINE:COLUMN: message.")
        {
            file, overrides, json,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(file)!, parse.GetValue(overrides) ?? [], parse.GetValue(json)));
        return command;
    }

    /// <summary>Checks <paramref name="file"/>; returns 0 when valid, 2 otherwise.</summary>
    internal static int Execute(CliContext context, string file, IReadOnlyList<string> overrides, bool json = false)
    {
        var loaded = FlowsheetInput.Load(context, file, overrides);
        file = FlowsheetInput.Name(file);
        if (json)
        {
            context.Stdout.Write(CheckJsonWriter.ToJson(file, loaded));
            return loaded.Ok ? ExitCodes.Done : ExitCodes.InvalidInput;
        }
        if (!loaded.Ok)
        {
            Diagnostics.WriteLoadErrors(loaded.Errors, context.Stderr);
            return ExitCodes.InvalidInput;
        }
        var flowsheet = loaded.Flowsheet!;
        int cascades = flowsheet.Cascades.Count;
        int stages = flowsheet.Cascades.Sum(c => c.TotalStages);
        context.Stdout.WriteLine($"{file}: valid ({Diagnostics.Plural(cascades, "cascade")}, "
            + $"{Diagnostics.Plural(stages, "stage")}, elements {string.Join(", ", flowsheet.Elements())})");
        return ExitCodes.Done;
    }
}
