using SxCascade.IO;

namespace SxCascade.Cli;

/// <summary>
/// The FILE argument of <c>run</c>, <c>check</c>, <c>design</c> and <c>compare</c>: a path, or <c>-</c> for standard
/// input, which errors then name <c>&lt;stdin&gt;</c>.
/// </summary>
internal static class FlowsheetInput
{
    /// <summary>FILE meaning standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The name standard input has in errors and reports (<c>&lt;stdin&gt;:LINE:COLUMN</c>).</summary>
    public const string StandardInputName = "<stdin>";

    /// <summary>The name <paramref name="file"/> has in errors and reports.</summary>
    public static string Name(string file) => file == StandardInput ? StandardInputName : file;

    /// <summary>Loads <paramref name="file"/>, or all of <see cref="CliContext.Stdin"/> for <c>-</c>.</summary>
    public static LoadResult Load(CliContext context, string file, IReadOnlyList<string> overrides)
    {
        if (file != StandardInput) return SxCascadeEngine.Load(file, overrides);
        string text;
        try
        {
            text = context.Stdin.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            return new LoadResult(null, [new FlowsheetError(StandardInputName, 1, 1, "cannot read standard input: " + e.Message)]);
        }
        return SxCascadeEngine.LoadText(text, StandardInputName, overrides);
    }
}
