using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SxCascade.Cli;

/// <summary>
/// The standard help of System.CommandLine followed by an "Examples:" and an "Exit codes:" section for the command the
/// help was asked for (the one-line descriptions stay short in the command list).
/// </summary>
internal sealed class HelpWithExamples(HelpAction standard, IReadOnlyDictionary<Command, string[]> examples)
    : SynchronousCommandLineAction
{
    /// <summary>Replaces the action of the help option of <paramref name="root"/> (it applies to every subcommand).</summary>
    public static void Install(Command root, IReadOnlyDictionary<Command, string[]> examples)
    {
        foreach (var option in root.Options)
            if (option is HelpOption { Action: HelpAction standard } help)
                help.Action = new HelpWithExamples(standard, examples);
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        int code = standard.Invoke(parseResult);
        if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var line in lines) output.WriteLine($"  {line}");
            output.WriteLine();
            output.WriteLine("Exit codes:");
            output.WriteLine($"  {Program.ExitCodeHelp(parseResult.CommandResult.Command.Name)}");
            output.WriteLine();
        }
        return code;
    }
}
