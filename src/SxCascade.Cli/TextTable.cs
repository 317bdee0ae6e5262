using System.Text;

namespace SxCascade.Cli;

/// <summary>
/// A plain-text table: a header row and rows of cells, each column padded to its widest cell,
/// text left-aligned and numbers right-aligned. Trailing spaces are trimmed.
/// </summary>
internal sealed class TextTable
{
    private readonly (string Header, bool RightAligned)[] columns;
    private readonly List<string[]> rows = [];

    /// <summary>A table with these columns; a header starting with '>' is right-aligned (the '>' is dropped).</summary>
    public TextTable(params string[] headers)
    {
        columns = headers.Select(h => h.StartsWith('>') ? (h[1..], true) : (h, false)).ToArray();
    }

    /// <summary>Adds a row; missing trailing cells are empty.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length > columns.Length)
            throw new ArgumentException($"{cells.Length} cells for {columns.Length} columns", nameof(cells));
        var row = new string[columns.Length];
        for (int i = 0; i < row.Length; i++) row[i] = i < cells.Length ? cells[i] : "";
        rows.Add(row);
    }

    /// <summary>Writes the header and every row, each line starting with <paramref name="indent"/>.</summary>
    public void Write(TextWriter w, string indent = "  ")
    {
        var widths = new int[columns.Length];
        for (int i = 0; i < columns.Length; i++)
            widths[i] = Math.Max(columns[i].Header.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length));
        WriteRow(w, indent, columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in rows) WriteRow(w, indent, row, widths);
    }

    private void WriteRow(TextWriter w, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append("  ");
            line.Append(columns[i].RightAligned ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }
        w.WriteLine(line.ToString().TrimEnd());
    }
}
