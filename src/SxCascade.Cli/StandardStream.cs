using System.Text;

namespace SxCascade.Cli;

/// <summary>A write to standard output failed (a full disk, a closed pipe): the run stops with exit code 1.</summary>
internal sealed class StandardOutputException(IOException inner) : Exception(inner.Message, inner);

/// <summary>
/// Standard output or error behind a guard, so that a failed write (stdout on a full disk or
/// <c>/dev/full</c>, a closed pipe) is never reported as a bug nor aborts the process. Standard
/// output throws <see cref="StandardOutputException"/> (not an IOException, so no command's
/// handler of file errors mistakes it for one of its files); standard error drops what cannot be
/// written, as nothing could report it.
/// </summary>
internal sealed class StandardStream(TextWriter inner, bool isOutput) : TextWriter(inner.FormatProvider)
{
    /// <summary>The first failed write, or null.</summary>
    public IOException? Failure { get; private set; }

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value)
    {
        if (Failure is not null && !isOutput) return;
        try { inner.Write(value); }
        catch (IOException e) { Fail(e); }
    }

    public override void Write(string? value)
    {
        if (Failure is not null && !isOutput) return;
        try { inner.Write(value); }
        catch (IOException e) { Fail(e); }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (Failure is not null && !isOutput) return;
        try { inner.Write(buffer, index, count); }
        catch (IOException e) { Fail(e); }
    }

    public override void WriteLine(string? value)
    {
        if (Failure is not null && !isOutput) return;
        try { inner.WriteLine(value); }
        catch (IOException e) { Fail(e); }
    }

    public override void Flush()
    {
        if (Failure is not null && !isOutput) return;
        try { inner.Flush(); }
        catch (IOException e) { Fail(e); }
    }

    private void Fail(IOException e)
    {
        Failure ??= e;
        if (isOutput) throw new StandardOutputException(e);
    }
}
