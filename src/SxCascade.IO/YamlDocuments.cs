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
        var lines = text.Split('\n');
        int line = (int)e.Start.Line, column = (int)e.Start.Column;
        if (e.Message.Contains("multiline plain scalar", StringComparison.Ordinal) && line >= 2 && IsContinuation(lines[line - 2]))
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
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int col = 0;
            while (col < lines[i].Length && lines[i][col] == ' ') col++;
            if (col < lines[i].Length && lines[i][col] == '\t' && !lines[i].TrimStart().StartsWith('#'))
                return new(i + 1, col + 1, "invalid YAML: a tab in the indentation; YAML indents with spaces only (replace the tab with spaces)");
        }
        return null;
    }

    private static string LowerFirst(string s) => s.Length > 0 ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    /// <summary>
    /// Passes parser events through, dropping every repeated key of a mapping together with its
    /// value and reporting it, so that the tree builder (which throws on the first duplicate) sees none.
    /// </summary>
    private sealed class DuplicateKeyFilter(IParser inner, List<YamlProblem> problems) : IParser
    {
        private sealed class Collection(NodeEvent start)
        {
            public NodeEvent Start { get; } = start;
            public bool IsMapping => Start is MappingStart;
            public bool IsFlow => Start is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
            public bool ExpectingKey { get; set; } = true;
            public Dictionary<string, Mark> Keys { get; } = new(StringComparer.Ordinal);
        }

        private readonly Stack<Collection> open = new();
        private readonly HashSet<string> anchors = new(StringComparer.Ordinal);

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            while (inner.MoveNext())
            {
                var ev = inner.Current!;
                if (ev is Scalar key && open.TryPeek(out var top) && top.IsMapping && top.ExpectingKey)
                {
                    if (top.Keys.TryGetValue(key.Value, out var first))
                    {
                        problems.Add(new((int)key.Start.Line, (int)key.Start.Column,
                            $"duplicate key '{key.Value}' (first given at line {first.Line}); keep only one of them"));
                        SkipValue();
                        continue;
                    }
                    top.Keys[key.Value] = key.Start;
                }
                Track(ev);
                return true;
            }
            return false;
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
                    open.Push(new Collection((NodeEvent)ev));
                    break;
                case MappingEnd or SequenceEnd:
                    open.Pop();
                    NodeCompleted();
                    break;
                case AnchorAlias alias when !anchors.Contains(alias.Value.Value):
                    // YamlDotNet reports this without a position; say where the alias is
                    throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value}' has no anchor '&{alias.Value}' before it");
                case Scalar or AnchorAlias:
                    NodeCompleted();
                    break;
            }
            if (ev is NodeEvent { Anchor.IsEmpty: false } node) anchors.Add(node.Anchor.Value);
        }

        // A completed node inside a mapping alternates between key and value.
        private void NodeCompleted()
        {
            if (open.TryPeek(out var top) && top.IsMapping) top.ExpectingKey = !top.ExpectingKey;
        }

        private void SkipValue()
        {
            int depth = 0;
            while (inner.MoveNext())
            {
                if (inner.Current is MappingStart or SequenceStart) depth++;
                else if (inner.Current is MappingEnd or SequenceEnd) depth--;
                if (depth == 0) return;
            }
        }
    }
}
