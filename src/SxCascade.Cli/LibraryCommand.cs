using System.CommandLine;
using SxCascade.IO;

namespace SxCascade.Cli;

/// <summary>
/// The shape that <c>systems</c> and <c>feeds</c> share: <c>COMMAND [NAME] [--json]</c> lists the
/// built-in entries of one kind, or shows the entry NAME; an unknown NAME is a usage error (exit 2)
/// with the nearest name and the list.
/// </summary>
/// <typeparam name="T">The kind of library entry.</typeparam>
/// <param name="Command">Command name ("systems").</param>
/// <param name="Noun">One entry in words ("system").</param>
/// <param name="Description">The command's description for --help.</param>
/// <param name="Entries">Every built-in entry of the kind (called when the command runs, so that building the command line does not load the library).</param>
/// <param name="NameOf">An entry's name.</param>
/// <param name="Json">The JSON document of some entries.</param>
/// <param name="WriteList">Writes the table of all entries.</param>
/// <param name="WriteOne">Writes one entry with every value.</param>
internal sealed record LibraryCommand<T>(
    string Command, string Noun, string Description, Func<IReadOnlyList<T>> Entries, Func<T, string> NameOf,
    Func<IReadOnlyList<T>, string> Json, Action<TextWriter> WriteList, Action<T, TextWriter> WriteOne)
    where T : class
{
    /// <summary>The command, writing to <paramref name="context"/>.</summary>
    public Command Create(CliContext context)
    {
        var name = new Argument<string?>("NAME")
        {
            Description = $"A built-in {Noun}; without it, the list of them.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = $"Print the {Noun}(s) with every value as JSON (format sxcascade-library/1)." };
        var command = new Command(Command, Description) { name, json };
        command.SetAction(parse => Execute(context, parse.GetValue(name), parse.GetValue(json)));
        return command;
    }

    /// <summary>Writes the list or the entry <paramref name="name"/>; 2 for an unknown name.</summary>
    public int Execute(CliContext context, string? name, bool json)
    {
        var w = context.Stdout;
        var entries = Entries();
        if (name is null)
        {
            if (json) w.Write(Json(entries));
            else WriteList(w);
            return ExitCodes.Done;
        }
        if (entries.FirstOrDefault(e => NameOf(e) == name) is not { } entry)
        {
            var names = entries.Select(NameOf).ToList();
            Diagnostics.WriteUsageErrors(
                [$"unknown {Noun} '{name}'; {BuiltInLibrary.DidYouMean(name, names)}built-in {Noun}s: {string.Join(", ", names)}"],
                $"sxcascade {Command}", context.Stderr);
            return ExitCodes.InvalidInput;
        }
        if (json) w.Write(Json([entry]));
        else WriteOne(entry, w);
        return ExitCodes.Done;
    }
}
