namespace SxCascade.IO;

/// <summary>Reads an input file, turning every way it can fail into one error at line 1, column 1.</summary>
internal static class InputFile
{
    /// <summary>The text of <paramref name="path"/>, or an error naming what is wrong.</summary>
    /// <param name="path">File path as given.</param>
    /// <param name="kind">"flowsheet file", "data file": used in messages.</param>
    public static (string? Text, FlowsheetError? Error) Read(string path, string kind)
    {
        if (string.IsNullOrWhiteSpace(path)) return (null, new FlowsheetError(path, 1, 1, $"no {kind} given"));
        try
        {
            return (File.ReadAllText(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException when Directory.Exists(path) => $"this is a directory, not a {kind}",
                _ => "cannot read the file: " + e.Message,
            };
            return (null, new FlowsheetError(path, 1, 1, reason));
        }
    }
}
