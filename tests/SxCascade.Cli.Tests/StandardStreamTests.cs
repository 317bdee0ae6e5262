using System.Text;

namespace SxCascade.Cli.Tests;

/// <summary>
/// A standard stream that cannot be written (a full disk, /dev/full): a full stdout is a clear
/// error with exit code 1, not an "internal error"; a full stderr neither aborts the process nor
/// changes the exit code.
/// </summary>
public sealed class StandardStreamTests
{
    /// <summary>A writer on a full device: every write fails as the console's does on ENOSPC.</summary>
    private sealed class FullWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new IOException("No space left on device");
    }

    [Fact]
    public void A_full_stdout_is_a_clear_error_with_exit_code_1()
    {
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = Program.Run(["check", CliRunner.Flowsheet("prnd-p507.yaml")], new FullWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Equal("sxcascade: cannot write standard output: No space left on device\n", stderr.ToString());
    }

    [Fact]
    public void A_full_stderr_keeps_the_exit_code_of_the_command()
    {
        using var stdout = new StringWriter();
        int code = Program.Run(["check", CliRunner.Flowsheet("prnd-p507.yaml"), "--set", "cascades.PrNd.scrub.stages=0"], stdout, new FullWriter());

        Assert.Equal(2, code);   // the invalid override, whose message could not be written
        Assert.Equal("", stdout.ToString());
    }

    [Theory]
    [InlineData("> /dev/full", 1, "sxcascade: cannot write standard output: No space left on device\n")]
    [InlineData("2> /dev/full", 2, null)]
    public async Task The_real_process_on_a_full_device_exits_cleanly(string redirection, int expectedCode, string? expectedStderr)
    {
        Assert.True(File.Exists("/dev/full"), "/dev/full is missing");
        string dll = ExternalProcess.SxcascadeDll;
        string host = ExternalProcess.DotnetHost;
        // an invalid override for the stderr case, so that there is an error to write
        string args = redirection.StartsWith('2') ? "check flowsheets/prnd-p507.yaml --set cascades.PrNd.scrub.stages=0" : "check flowsheets/prnd-p507.yaml";

        var outcome = await ExternalProcess.RunAsync("/bin/sh", ["-c", $"exec '{host}' '{dll}' {args} {redirection}"]);
        string stderr = outcome.Stderr;

        Assert.True(outcome.Code == expectedCode, $"exit {outcome.Code}\n{stderr}");   // 134 was the abort
        if (expectedStderr is not null) Assert.Equal(expectedStderr, stderr);
        CliRunner.NoStackTrace(stderr);
    }
}
