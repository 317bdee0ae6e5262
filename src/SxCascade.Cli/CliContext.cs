using System.Diagnostics;

namespace SxCascade.Cli;

/// <summary>What every command writes to, and the clock of the whole invocation (for "total wall time").</summary>
/// <param name="Stdout">Results: the summary, the JSON document, the paths written.</param>
/// <param name="Stderr">Errors, convergence reports, unmet specs under --require-specs.</param>
/// <param name="Clock">Started when the command line was received.</param>
/// <param name="Stdin">Where FILE <c>-</c> is read from (<see cref="FlowsheetInput"/>).</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, Stopwatch Clock, TextReader Stdin);
