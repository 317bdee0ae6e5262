using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SxCascade.Cli;

/// <summary>Entry point of <c>sxcascade</c>: builds the command line, runs a command, maps failures to exit codes.</summary>
internal static class Program
{
    /// <summary>Exit codes as the help lists them (FORMAT.md, command-line contract).</summary>
    internal const string ExitCodeHelp =
        "0 done (unmet specs are shown, not fatal), 1 internal error (a bug) or standard output could not be written, 2 invalid input or usage, "
        + "3 the solver did not converge, 4 specs not met under --require-specs";

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
        return Run(args, Console.Out, Console.Error);
    }

    /// <summary>
    /// Runs <c>sxcascade</c> with <paramref name="args"/>, writing results to <paramref name="stdout"/>
    /// and problems to <paramref name="stderr"/>; returns the exit code (<see cref="ExitCodes"/>).
    /// Never throws: a bug is reported as "internal error" with exit code 1, and so is a failed
    /// write to <paramref name="stdout"/> ("cannot write standard output: REASON"); a failed write
    /// to <paramref name="stderr"/> loses that text but changes nothing else.
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var output = new StandardStream(stdout, isOutput: true);
        var error = new StandardStream(stderr, isOutput: false);
        try
        {
            int code = Run(args, output, error, out var outputFailure);
            if (outputFailure is null) output.Flush();
            return code;
        }
        catch (StandardOutputException e)
        {
            error.WriteLine($"sxcascade: cannot write standard output: {e.Message}");
            return ExitCodes.OutputFailed;
        }
    }

    private static int Run(string[] args, StandardStream stdout, StandardStream stderr, out IOException? outputFailure)
    {
        outputFailure = null;
        var context = new CliContext(stdout, stderr, Stopwatch.StartNew());
        try
        {
            var root = BuildCommandLine(context);
            var parse = root.Parse(args);
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
        // a plain Command rather than RootCommand: the latter takes its name from the host process,
        // which is "testhost" in the in-process tests
        var root = new Command("sxcascade",
            "Simulate counter-current solvent-extraction cascades (mixer-settlers) at steady state: "
            + "stage profiles, product purities and recoveries, reagent use. Flowsheets are YAML files (docs/format.md).")
        {
            run, check, fit, design, compare, systems, feeds,
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
            [systems] = SystemsCommand.Examples,
            [feeds] = FeedsCommand.Examples,
        });
        return root;
    }
}
