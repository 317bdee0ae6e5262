using System.Globalization;
using System.Text;
using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace SxCascade.IO;

/// <summary>
/// The finished table of a sweep (or of merged shards): every row of the journals sorted by case,
/// as <c>rows.csv</c> (the journal's lines, unchanged) or <c>rows.parquet</c> (typed columns: case and
/// iterations int32, the axes and metrics double, null where the CSV field is empty, status and
/// reason strings, specs_met boolean; one row group per 100,000 rows). Both are read directly by
/// pandas, polars and R.
/// </summary>
public static class SweepOutput
{
    /// <summary>File name of the CSV table.</summary>
    public const string CsvName = "rows.csv";

    /// <summary>File name of the Parquet table.</summary>
    public const string ParquetName = "rows.parquet";

    /// <summary>Rows per Parquet row group.</summary>
    public const int RowGroupSize = 100_000;

    /// <summary>Writes the CSV table: the header, then <paramref name="lines"/> sorted by case.</summary>
    public static void WriteCsv(Stream output, IReadOnlyList<string> columns, IEnumerable<(int Case, string Line)> lines)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.Write(SweepJournal.Header(columns));
        foreach (var (_, line) in lines.OrderBy(l => l.Case))
        {
            w.Write(line);
            w.Write('\n');
        }
    }

    /// <summary>Writes the Parquet table of <paramref name="lines"/> sorted by case; <paramref name="axisCount"/> axis columns follow "case".</summary>
    public static void WriteParquet(Stream output, IReadOnlyList<string> columns, int axisCount, IEnumerable<(int Case, string Line)> lines)
    {
        var sorted = lines.OrderBy(l => l.Case).ToList();
        var fields = new List<DataField>();
        var kinds = new List<char>(); // i int, d double, s string, b bool
        for (int c = 0; c < columns.Count; c++)
        {
            var name = columns[c];
            char kind = name is "case" or "iterations" ? 'i' : name is "status" or "reason" ? 's' : name == "specs_met" ? 'b' : 'd';
            kinds.Add(kind);
            fields.Add(kind switch
            {
                'i' => new DataField<int>(name),
                's' => new DataField<string>(name),
                'b' => new DataField<bool>(name),
                _ => new DataField<double?>(name),
            });
        }
        var schema = new ParquetSchema(fields);
        Task.Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, output);
            for (int from = 0; from < Math.Max(1, sorted.Count); from += RowGroupSize)
            {
                int n = Math.Min(RowGroupSize, sorted.Count - from);
                var table = Parse(sorted.Skip(from).Take(n), columns.Count);
                using var group = writer.CreateRowGroup();
                for (int c = 0; c < columns.Count; c++)
                {
                    switch (kinds[c])
                    {
                        case 'i':
                            await group.WriteAsync<int>(fields[c], table.Select(r => int.Parse(r[c], CultureInfo.InvariantCulture)).ToArray());
                            break;
                        case 's':
                            await group.WriteAsync(fields[c], table.Select(r => r[c]).ToArray());
                            break;
                        case 'b':
                            await group.WriteAsync<bool>(fields[c], table.Select(r => r[c] == "true").ToArray());
                            break;
                        default:
                            await group.WriteAsync<double>(fields[c], table.Select(r => r[c].Length == 0 ? (double?)null
                                : double.Parse(r[c], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray());
                            break;
                    }
                }
            }
        }).GetAwaiter().GetResult();
    }

    // the fields of each line, by the CSV reader
    private static List<string[]> Parse(IEnumerable<(int Case, string Line)> lines, int columns)
    {
        var text = new StringBuilder();
        foreach (var (_, line) in lines) text.Append(line).Append('\n');
        var result = new List<string[]>();
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text.ToString()), CsvReaderOptions.Default with { HasHeader = false });
        while (reader.Read())
        {
            var fields = new string[columns];
            for (int c = 0; c < columns; c++) fields[c] = c < reader.FieldCount ? reader.GetString(c) : "";
            result.Add(fields);
        }
        return result;
    }
}
