using System.Text.Json;

namespace SxCascade.Cli.Tests;

/// <summary>Runs <c>sxcascade</c> in-process (Program.Run) and captures what it wrote.</summary>
internal static class CliRunner
{
    /// <summary>The test output folder: flowsheets/ and corpus/ are copied there.</summary>
    public static string BaseDirectory => AppContext.BaseDirectory;

    /// <summary>Path of an example flowsheet in the test output folder.</summary>
    public static string Flowsheet(string name) => Path.Combine(BaseDirectory, "flowsheets", name);

    /// <summary>Path of an error-corpus file in the test output folder.</summary>
    public static string Corpus(string name) => Path.Combine(BaseDirectory, "corpus", name);

    /// <summary>Exit code, stdout and stderr of one invocation.</summary>
    public sealed record Outcome(int Code, string Stdout, string Stderr)
    {
        /// <summary>stdout parsed as the result document.</summary>
        public JsonDocument Json() => JsonDocument.Parse(Stdout);

        /// <summary>For assertion messages.</summary>
        public override string ToString() => $"exit {Code}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>Runs sxcascade with <paramref name="args"/>.</summary>
    public static Outcome Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = Program.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs sxcascade with <paramref name="args"/> and <paramref name="stdin"/> as its standard input.</summary>
    public static Outcome RunWithInput(string stdin, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var input = new StringReader(stdin);
        int code = Program.Run(args, stdout, stderr, input);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A fresh directory name under the temp folder that does not exist yet.</summary>
    public static string FreshTempPath() => Path.Combine(Path.GetTempPath(), "sxcascade-cli-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>No line of <paramref name="text"/> looks like a .NET stack frame.</summary>
    public static void NoStackTrace(string text) =>
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("   at ", StringComparison.Ordinal));

    /// <summary>The stream called <paramref name="name"/> in a result document.</summary>
    public static JsonElement Stream(JsonDocument result, string name) =>
        result.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
}
