using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YScalar = YamlDotNet.Core.Events.Scalar;

namespace SxCascade.IO;

/// <summary>
/// The one YAML writer of the IO layer: a small tree of scalars, mappings and sequences emitted by
/// YamlDotNet's <see cref="Emitter"/> (quoting, escapes and folding are the emitter's). Mappings and
/// sequences not marked block-only are written in flow style when they fit on their line
/// (<see cref="LineWidth"/>), else as blocks. Lines end with "\n".
/// </summary>
internal static class YamlEmission
{
    /// <summary>Lines are kept within this many columns where the content allows.</summary>
    public const int LineWidth = 100;

    private const int Indent = 2;

    // The emitter breaks a line (a folded scalar, a long flow collection) at the first space past its
    // best width: that width is kept a word short of LineWidth, and a collection is written in flow
    // style only when it fits within it, so the emitter never breaks it.
    private const int BestWidth = LineWidth - 10;

    private static readonly EmitterSettings Settings = new EmitterSettings(Indent, BestWidth, false, 1024, false, true, "\n", false);

    public abstract record Node;

    /// <param name="Text">The value as it reads (numbers already formatted).</param>
    /// <param name="Style">Plain for numbers and quantities; <see cref="ScalarStyle.Any"/> lets the emitter choose.</param>
    public sealed record Value(string Text, ScalarStyle Style = ScalarStyle.Plain) : Node;

    /// <param name="Entries">Keys and values, in order.</param>
    /// <param name="BlockOnly">Never written in flow style.</param>
    public sealed record Mapping(List<(string Key, Node Value)> Entries, bool BlockOnly = false) : Node;

    /// <param name="Items">The items, in order.</param>
    public sealed record Sequence(List<Node> Items) : Node;

    private static readonly string[] Reserved = ["null", "~", "true", "false", "yes", "no", "on", "off"];

    /// <summary>A text value: the emitter chooses plain or quoted; words a YAML reader takes for null or a boolean are double-quoted.</summary>
    public static Value Text(string value) =>
        new(value, Reserved.Contains(value, StringComparer.OrdinalIgnoreCase) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any);

    /// <summary>The document: <paramref name="comments"/> as "# " lines, then <paramref name="root"/>.</summary>
    /// <param name="root">The document's node.</param>
    /// <param name="comments">Comment lines before it (without "# ").</param>
    /// <param name="unlimitedWidth">Every collection not marked block-only in flow style on one line, however long (a block to paste, one line per entry).</param>
    public static string Document(Node root, IEnumerable<string>? comments = null, bool unlimitedWidth = false)
    {
        var text = new StringWriter { NewLine = "\n" };
        int width = unlimitedWidth ? int.MaxValue : BestWidth;
        var emitter = new Emitter(text, Settings.WithBestWidth(width));
        emitter.Emit(new StreamStart());
        foreach (var comment in comments ?? []) emitter.Emit(new Comment(comment, false));
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, root, 0, 0, inFlow: false, width);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary><paramref name="node"/> alone, in flow style, on one line (no line break).</summary>
    public static string FlowText(Node node)
    {
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, Settings.WithBestWidth(int.MaxValue));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node, 0, 0, inFlow: true, int.MaxValue);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString().TrimEnd('\n');
    }

    /// <param name="e">The emitter.</param>
    /// <param name="node">What to emit.</param>
    /// <param name="indent">The indentation of the node's block children (keys of a block mapping; a block sequence's dashes are one step in).</param>
    /// <param name="column">Where the node starts on its line, for the flow-or-block choice.</param>
    /// <param name="inFlow">Inside a flow collection: everything below is flow too.</param>
    /// <param name="width">The widest line a flow collection may make.</param>
    private static void Emit(IEmitter e, Node node, int indent, int column, bool inFlow, int width)
    {
        switch (node)
        {
            case Value v:
                e.Emit(new YScalar(null, null, v.Text, v.Style, true, v.Style != ScalarStyle.Plain));
                break;
            case Mapping m:
                bool flow = inFlow || (!HasBlockOnly(m) && (long)column + FlowText(m).Length <= width);
                e.Emit(new MappingStart(null, null, true, flow ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in m.Entries)
                {
                    var k = Text(key);
                    e.Emit(new YScalar(null, null, k.Text, k.Style, true, true));
                    Emit(e, value, indent + Indent, indent + key.Length + 2, flow, width);
                }
                e.Emit(new MappingEnd());
                break;
            case Sequence q:
                bool flowList = inFlow || (!HasBlockOnly(q) && (long)column + FlowText(q).Length <= width);
                e.Emit(new SequenceStart(null, null, true, flowList ? SequenceStyle.Flow : SequenceStyle.Block));
                // indented sequences: the dashes at the sequence's indentation, each item after its "- "
                foreach (var item in q.Items) Emit(e, item, indent + Indent, indent + Indent, flowList, width);
                e.Emit(new SequenceEnd());
                break;
        }
    }

    private static bool HasBlockOnly(Node node) => node switch
    {
        Mapping m => m.BlockOnly || m.Entries.Any(x => HasBlockOnly(x.Value)),
        Sequence q => q.Items.Any(HasBlockOnly),
        _ => false,
    };
}
