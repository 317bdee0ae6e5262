using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>A problem found while parsing YAML text, at a 1-based line and column of that text.</summary>
internal readonly record struct YamlProblem(int Line, int Column, string Message);

/// <summary>
/// Parses YAML text into a node tree whose nodes keep their line and column. Syntax errors and
/// duplicate keys become <see cref="YamlProblem"/>s instead of exceptions; every duplicate key is
/// reported (not only the first) and dropped, so the rest of the file can still be checked.
/// </summary>
internal static class YamlDocuments
{
    /// <summary>Deepest nesting of mappings and lists accepted; a flowsheet needs fewer than ten levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most values (scalars, mappings and lists) a text may hold once every alias is expanded: the
    /// readers walk the expanded tree, so nested aliases could otherwise make it exponential.
    /// </summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>
    /// The root node of the single document in <paramref name="text"/>, or null when the text holds
    /// no document or cannot be parsed (then <paramref name="problems"/> says why, unless it is empty).
    /// </summary>
    public static YamlNode? Parse(string text, List<YamlProblem> problems)
    {
        var filter = new DuplicateKeyFilter(new Parser(new StringReader(text)), problems);
        var stream = new YamlStream();
        try
        {
            stream.Load(filter);
        }
        catch (YamlException e)
        {
            problems.Add(Locate(text, e));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way inside a flow collection that is never closed.
            var (line, column, open) = filter.Position();
            if (TabInIndentation(text) is { } tab)
            {
                problems.Add(tab);
                return null;
            }
            problems.Add(new(line, column, open
                ? "invalid YAML: this '{' or '[' is not closed where expected (check for a missing '}' or ']', or a line break inside it)"
                : "invalid YAML: the text cannot be parsed here"));
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            problems.Add(new((int)second.Start.Line, (int)second.Start.Column,
                "a flowsheet file holds one YAML document; remove the '---' and what follows, or move it to a file of its own"));
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>The key node of <paramref name="map"/> whose scalar text is <paramref name="name"/>, or null.</summary>
    public static YamlNode? KeyOf(YamlMappingNode map, string name) =>
        map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == name);

    /// <summary>
    /// Where the mistake behind a syntax error is, and what to do. YamlDotNet places some errors
    /// elsewhere: a tab in the indentation at 1:1 or at the end of the line before, and a key
    /// without its ':' at the next line (it reads both lines as one scalar running on).
    /// </summary>
    private static YamlProblem Locate(string text, YamlException e)
    {
        if (TabInIndentation(text) is { } tab) return tab;
        var lines = Lines(text);
        int line = (int)Math.Max(1, e.Start.Line), column = (int)Math.Max(1, e.Start.Column);
        if (e.Message.Contains("multiline plain scalar", StringComparison.Ordinal) && line >= 2 && line - 2 < lines.Length && IsContinuation(lines[line - 2]))
        {
            // the scalar began on an earlier line that holds no "key:": the first of the lines above
            // the error back to the nearest line with a key, a blank line or a comment
            int first = line - 1;
            while (first >= 2 && IsContinuation(lines[first - 2])) first--;
            string written = lines[first - 1].Trim();
            int at = lines[first - 1].Length - lines[first - 1].TrimStart().Length + 1;
            int colon = written.IndexOf(':');
            if (colon > 0 && colon + 1 < written.Length)
                // "flow:10 L/h": a ':' without a space after it is part of the text
                return new(first, at, $"invalid YAML: '{written}' needs a space after its ':', else YAML reads it and line {line} as one text running on; "
                    + $"write '{written[..colon]}: {written[(colon + 1)..]}'");
            return new(first, at, $"invalid YAML: '{written}' has no ':' after its key, so YAML reads it and line {line} as one text running on; "
                + $"write 'key: value' (or indent line {line} less)");
        }
        return new(line, column, "invalid YAML: " + LowerFirst(e.Message));

        // a non-blank, non-comment line without a mapping indicator: part of a plain scalar running on
        static bool IsContinuation(string l)
        {
            var t = l.Trim();
            return t.Length > 0 && !t.StartsWith('#') && !t.StartsWith('-') && !t.EndsWith(':') && !t.Contains(": ", StringComparison.Ordinal)
                && !t.Contains('{') && !t.Contains('[');
        }
    }

    /// <summary>The first tab in the leading white space of a line (comments aside): YAML indents with spaces only.</summary>
    private static YamlProblem? TabInIndentation(string text)
    {
        var lines = Lines(text);
        for (int i = 0; i < lines.Length; i++)
        {
            int col = 0;
            while (col < lines[i].Length && lines[i][col] == ' ') col++;
            if (col < lines[i].Length && lines[i][col] == '\t' && !lines[i].TrimStart().StartsWith('#'))
                return new(i + 1, col + 1, "invalid YAML: a tab in the indentation; YAML indents with spaces only (replace the tab with spaces)");
        }
        return null;
    }

    /// <summary>
    /// The lines of <paramref name="text"/> as YAML (and so YamlDotNet's line numbers) counts them:
    /// CR LF, CR, LF, NEL, LS and PS each end a line.
    /// </summary>
    private static string[] Lines(string text) => LineBreak.Split(text);

    private static readonly System.Text.RegularExpressions.Regex LineBreak = new("\r\n|[\r\n\u0085\u2028\u2029]");

    private static string LowerFirst(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    /// <summary>
    /// Passes parser events through, dropping every repeated key of a mapping together with its
    /// value and reporting it, so that the tree builder (which throws on the first duplicate) sees none.
    /// </summary>
    private sealed class DuplicateKeyFilter(IParser inner, List<YamlProblem> problems) : IParser
    {
        private sealed class Collection(NodeEvent start, long nodesBefore)
        {
            public NodeEvent Start { get; } = start;
            /// <summary>The expanded node count before this collection began.</summary>
            public long NodesBefore { get; } = nodesBefore;
            public bool IsMapping => Start is MappingStart;
            public bool IsFlow => Start is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
            public bool ExpectingKey { get; set; } = true;
            /// <summary>Where the last key of a mapping starts.</summary>
            public Mark LastKey { get; set; }
            public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
        }

        private const string NoValue = "a key here has no value that can be read (an empty key before ':' loses its value); write 'key: value'";

        private readonly Stack<Collection> open = new();
        // anchor → the expanded node count of the node it names; -1 while that node is still open
        private readonly Dictionary<string, long> anchors = new(StringComparer.Ordinal);
        private long nodes; // values so far, each alias counted as the nodes it repeats

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            while (InnerMoveNext())
            {
                var ev = inner.Current!;
                if (ev is Scalar key && open.TryPeek(out var top) && top.IsMapping && top.ExpectingKey)
                {
                    if (top.Keys.TryGetValue(key.Value, out var first))
                    {
                        problems.Add(new((int)key.Start.Line, (int)key.Start.Column,
                            $"duplicate key '{key.Value}' (first given at line {first.Line}); keep only one of them"));
                        SkipValue(key.Start);
                        continue;
                    }
                    top.Keys[key.Value] = key.Start;
                }
                Track(ev);
                return true;
            }
            return false;
        }

        // YamlDotNet's parser throws ArgumentException for some malformed text (a tag that is not
        // a URI, "!![") instead of a YamlException: report it at the last event read
        private bool InnerMoveNext()
        {
            var last = inner.Current;
            try
            {
                return inner.MoveNext();
            }
            catch (ArgumentException e)
            {
                var at = last?.End ?? Mark.Empty;
                string why = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
                throw new YamlException(at, at, why.TrimEnd('.') + " after this point");
            }
        }

        /// <summary>Where parsing stopped: the innermost open flow collection if any, else the last event.</summary>
        public (int Line, int Column, bool InFlow) Position()
        {
            foreach (var c in open)
                if (c.IsFlow) return ((int)c.Start.Start.Line, (int)c.Start.Start.Column, true);
            var last = inner.Current?.Start ?? Mark.Empty;
            return ((int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column), false);
        }

        private void Track(ParsingEvent ev)
        {
            switch (ev)
            {
                case MappingStart or SequenceStart:
                    if (open.Count >= MaxDepth)
                        throw new YamlException(ev.Start, ev.End, $"mappings and lists nest deeper than {MaxDepth} levels here; a flowsheet needs fewer than ten");
                    open.Push(new Collection((NodeEvent)ev, nodes));
                    Count(ev, 1);
                    if (ev is NodeEvent { Anchor.IsEmpty: false } start) anchors[start.Anchor.Value] = -1;
                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    // YamlDotNet's parser drops the value after an empty key (" : 0"), leaving a key
                    // without a value that its tree builder rejects with an ArgumentException
                    if (done.IsMapping && !done.ExpectingKey)
                        throw new YamlException(done.LastKey, done.LastKey, NoValue);
                    if (done.Start.Anchor is { IsEmpty: false } anchor) anchors[anchor.Value] = nodes - done.NodesBefore;
                    NodeCompleted(done.Start);
                    break;
                case AnchorAlias alias:
                    // YamlDotNet reports these without a position (or not at all): say where the alias is
                    if (!anchors.TryGetValue(alias.Value.Value, out long size))
                        throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value}' has no anchor '&{alias.Value}' before it");
                    if (size < 0)
                        throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value}' stands inside the node its anchor '&{alias.Value}' names, so that node would contain itself; repeat the values instead");
                    Count(ev, size);
                    NodeCompleted(ev);
                    break;
                case Scalar scalar:
                    Count(ev, 1);
                    if (!scalar.Anchor.IsEmpty) anchors[scalar.Anchor.Value] = 1;
                    NodeCompleted(ev);
                    break;
            }
        }

        private void Count(ParsingEvent ev, long added)
        {
            nodes += added;
            if (nodes > MaxNodes)
                throw new YamlException(ev.Start, ev.End, ev is AnchorAlias
                    ? $"with its aliases expanded the text holds more than {MaxNodes:N0} values here (each alias repeats everything its anchor names); a flowsheet needs far fewer"
                    : $"the text holds more than {MaxNodes:N0} values; a flowsheet needs far fewer");
        }

        // A completed node inside a mapping alternates between key and value.
        private void NodeCompleted(ParsingEvent ev)
        {
            if (!open.TryPeek(out var top) || !top.IsMapping) return;
            if (top.ExpectingKey) top.LastKey = ev.Start;
            top.ExpectingKey = !top.ExpectingKey;
        }

        private void SkipValue(Mark key)
        {
            int depth = 0;
            while (InnerMoveNext())
            {
                if (inner.Current is MappingStart or SequenceStart) depth++;
                else if (inner.Current is MappingEnd or SequenceEnd) depth--;
                // the mapping ends right after the key: YamlDotNet's parser lost its value (see
                // Track), and skipping on would swallow the ends of the enclosing nodes
                if (depth < 0) throw new YamlException(key, key, NoValue);
                if (depth == 0) return;
            }
        }
    }
}
