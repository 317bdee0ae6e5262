using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SxCascade.Cli;

/// <summary>Entry point of <c>sxcascade</c>: builds the command line, runs a command, maps failures to exit codes.</summary>
internal static class Program
{
    /// <summary>Runs <c>sxcascade</c> with the console streams.</summary>
    public static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            // Element and stream names are UTF-8 in the files; keep them so on every terminal.
            Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException)
        {
            // no console to set it on (some platforms, some redirections): the default encoding stays
        }
        return Run(args, Console.Out, Console.Error, Console.In);
    }

    /// <summary>
    /// Runs <c>sxcascade</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/>
    /// and problems to <paramref name="stderr"/>; returns the exit code (<see cref="ExitCodes"/>).
    /// Never throws: a bug is reported as "internal error" with exit code 1, and so is a failed
    /// write to <paramref name="stdout"/> ("cannot write standard output: REASON"); a failed write
    /// to <paramref name="stderr"/> loses that text but changes nothing else. FILE <c>-</c> reads
    /// <paramref name="stdin"/> (<see cref="Console.In"/> when null).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var output = new StandardStream(stdout, isOutput: true);
        var error = new StandardStream(stderr, isOutput: false);
        try
        {
            int code = Run(args, output, error, stdin ?? Console.In, out var outputFailure);
            if (outputFailure is null) output.Flush();
            return code;
        }
        catch (StandardOutputException e)
        {
            error.WriteLine($"sxcascade: cannot write standard output: {e.Message}");
            return ExitCodes.OutputFailed;
        }
    }

    private static int Run(string[] args, StandardStream stdout, StandardStream stderr, TextReader stdin, out IOException? outputFailure)
    {
        outputFailure = null;
        var context = new CliContext(stdout, stderr, Stopwatch.StartNew(), stdin);
        try
        {
            var root = BuildCommandLine(context);
            if (args.Length > 0 && args[0].StartsWith("[suggest", StringComparison.Ordinal))
                return Suggest(root, args, stdout, stderr);
            var parse = root.Parse(args);
            if (UnknownOption(parse) is { } unknown)
            {
                var command = parse.CommandResult.Command;
                Diagnostics.WriteUsageErrors([unknown], command == root ? root.Name : $"{root.Name} {command.Name}", stderr);
                return ExitCodes.InvalidInput;
            }
            if (parse.Action is ParseErrorAction)
            {
                var command = parse.CommandResult.Command;
                string path = command == root ? root.Name : $"{root.Name} {command.Name}";
                var messages = parse.Errors.Select(e => e.Message).ToList();
                if (command == root && args.Length == 0)
                    messages = ["no command given; the commands are: " + string.Join(", ", root.Subcommands.Select(c => c.Name))];
                Diagnostics.WriteUsageErrors(messages, path, stderr);
                return ExitCodes.InvalidInput;
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (StandardOutputException)
        {
            throw;
        }
        catch (Exception e)
        {
            Diagnostics.WriteInternalError(e, stderr);
            return ExitCodes.InternalError;
        }
        finally
        {
            outputFailure = stdout.Failure;
        }
    }

    /// <summary>
    /// "unknown option '--jsn' of sxcascade run; did you mean '--json'?" for the first token that looks
    /// like an option (a leading '-') and is no option of the command, or null. Without this the parser
    /// takes such a token for the FILE argument and blames the next one.
    /// </summary>
    internal static string? UnknownOption(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var options = command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive
            || parse.CommandResult == parse.RootCommandResult)).ToList();
        var names = options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        bool valueNext = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) break;
            if (valueNext && token.Type != TokenType.Option)
            {
                valueNext = false;
                continue;
            }
            valueNext = false;
            string text = token.Value;
            if (token.Type == TokenType.Option)
            {
                var option = options.FirstOrDefault(o => o.Name == text || o.Aliases.Contains(text));
                valueNext = option is not null && option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool);
                continue;
            }
            if (token.Type != TokenType.Argument || text.Length < 2 || text[0] != '-' || double.TryParse(text, out _)) continue;
            string name = text.Split('=', ':')[0];
            if (names.Contains(name)) continue;
            string path = command == parse.RootCommandResult.Command ? command.Name : $"{parse.RootCommandResult.Command.Name} {command.Name}";
            string near = Flowsheets.Suggestions.Nearest(name, names.Where(n => n.StartsWith("--", StringComparison.Ordinal))) is { } n
                ? $"; did you mean '{n}'?" : $"; the options are {string.Join(", ", options.Where(o => !o.Hidden).Select(o => o.Name))}";
            return $"unknown option '{name}' of {path}{near}";
        }
        return null;
    }

    /// <summary>
    /// Shell completion: System.CommandLine's suggest directive (<c>sxcascade "[suggest:POSITION]" "LINE"</c>
    /// prints the completions of LINE at POSITION, one a line; docs/completion.md). Directives belong to a
    /// <see cref="RootCommand"/>, which the command line is not (its name would be the host's), so the
    /// commands are parsed under one for this call alone.
    /// </summary>
    private static int Suggest(Command root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var withDirectives = new RootCommand(root.Description ?? "");
        foreach (var command in root.Subcommands) withDirectives.Subcommands.Add(command);
        return withDirectives.Parse(args).Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
    }

    /// <summary>The root command "sxcascade" with its subcommands, help (with examples) and --version.</summary>
    internal static Command BuildCommandLine(CliContext context)
    {
        var run = RunCommand.Create(context);
        var check = CheckCommand.Create(context);
        var fit = FitCommand.Create(context);
        var design = DesignCommand.Create(context);
        var systems = SystemsCommand.Create(context);
        var feeds = FeedsCommand.Create(context);
        var compare = CompareCommand.Create(context);
        var sweep = SweepCommand.Create(context);
        var merge = MergeCommand.Create(context);
        var plotSweep = PlotCommand.Create(context);
        var optimize = OptimizeCommand.Create(context);
        // a plain Command rather than RootCommand: the latter takes its name from the host process,
        // which is "testhost" in the in-process tests
        var root = new Command("sxcascade",
            "Simulate counter-current solvent-extraction cascades (mixer-settlers) at steady state: "
            + "stage profiles, product purities and recoveries, reagent use. Flowsheets are YAML files (docs/format.md).")
        {
            run, check, fit, design, compare, sweep, merge, plotSweep, optimize, systems, feeds,
        };
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        root.Options.Add(new VersionOption());
        HelpWithExamples.Install(root, new Dictionary<Command, string[]>
        {
            [root] = [CheckCommand.Examples[0], RunCommand.Examples[0], RunCommand.Examples[1], "sxcascade run --help"],
            [run] = RunCommand.Examples,
            [check] = CheckCommand.Examples,
            [fit] = FitCommand.Examples,
            [design] = DesignCommand.Examples,
            [compare] = CompareCommand.Examples,
            [sweep] = SweepCommand.Examples,
            [merge] = MergeCommand.Examples,
            [plotSweep] = PlotCommand.Examples,
            [optimize] = OptimizeCommand.Examples,
            [systems] = SystemsCommand.Examples,
            [feeds] = FeedsCommand.Examples,
        });
        return root;
    }
}
