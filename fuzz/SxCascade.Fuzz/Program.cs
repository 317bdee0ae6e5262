using System.Text;
using SharpFuzz;
using SxCascade.IO;

namespace SxCascade.Fuzz;

/// <summary>
/// Fuzz target of the flowsheet loader and the <c>--set</c> parser (fuzz/README.md). An input is
/// UTF-8 text: the flowsheet file, then optionally NUL-separated <c>PATH=VALUE</c> overrides. The
/// loader must answer every input with a result (errors included) and never throw: any exception
/// that escapes, a stack overflow or a hang is a crash.
/// </summary>
internal static class Program
{
    /// <summary>
    /// With no argument: the AFL++ target (run under afl-fuzz, the input on stdin). With
    /// <c>replay FILE|DIR…</c>: loads each input once, in-process, and reports the ones that throw;
    /// exit 1 if any did (used to re-check the crashes AFL++ found).
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "replay") return Replay(args[1..]);
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            Load(buffer.ToArray());
        });
        return 0;
    }

    /// <summary>Loads one fuzz input: the flowsheet text, then NUL-separated overrides.</summary>
    public static void Load(byte[] input)
    {
        var parts = Encoding.UTF8.GetString(input).Split('\0');
        FlowsheetLoader.Parse(parts[0], "fuzz.yaml", parts[1..]);
    }

    private static int Replay(string[] paths)
    {
        int failed = 0, count = 0;
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p) : [p]).Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            count++;
            try
            {
                Load(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failed++;
                Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
                Console.Error.WriteLine(e.StackTrace);
            }
        }
        Console.WriteLine($"{count} inputs replayed, {failed} threw");
        return failed == 0 ? 0 : 1;
    }
}
