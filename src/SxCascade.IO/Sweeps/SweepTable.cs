using Parquet;
using Parquet.Schema;

namespace SxCascade.IO;

/// <summary>A sweep table read back from rows.parquet (for figures and tests): each column by name.</summary>
public sealed class SweepTable
{
    private readonly Dictionary<string, Array> columns;

    private SweepTable(IReadOnlyList<string> names, Dictionary<string, Array> columns)
    {
        Names = names;
        this.columns = columns;
    }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>An int32 column (case, iterations).</summary>
    public int[] Ints(string name) => (int[])columns[name];

    /// <summary>A double column (axes, metrics); null where the case has no value.</summary>
    public double?[] Doubles(string name) => (double?[])columns[name];

    /// <summary>A string column (status, reason).</summary>
    public string?[] Strings(string name) => (string?[])columns[name];

    /// <summary>A boolean column (specs_met).</summary>
    public bool[] Bools(string name) => (bool[])columns[name];

    /// <summary>Reads a rows.parquet written by <see cref="SweepOutput.WriteParquet"/>.</summary>
    public static SweepTable Read(string path) => Task.Run(async () =>
    {
        await using var file = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(file);
        var fields = reader.Schema.GetDataFields();
        var parts = fields.ToDictionary(f => f.Name, _ => new List<Array>());
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = (int)group.RowCount;
            foreach (var f in fields)
            {
                Array values;
                if (f.Name is "case" or "iterations")
                {
                    var a = new int[n];
                    await group.ReadAsync<int>(f, a);
                    values = a;
                }
                else if (f.Name == "specs_met")
                {
                    var a = new bool[n];
                    await group.ReadAsync<bool>(f, a);
                    values = a;
                }
                else if (f.Name is "status" or "reason")
                {
                    var a = new string[n];
                    await group.ReadAsync(f, a);
                    values = a;
                }
                else
                {
                    var a = new double?[n];
                    await group.ReadAsync<double>(f, a);
                    values = a;
                }
                parts[f.Name].Add(values);
            }
        }
        var joined = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            var list = parts[f.Name];
            int total = list.Sum(a => a.Length), at = 0;
            var all = Array.CreateInstance(list.Count > 0 ? list[0].GetType().GetElementType()! : typeof(double?), total);
            foreach (var a in list)
            {
                Array.Copy(a, 0, all, at, a.Length);
                at += a.Length;
            }
            joined[f.Name] = all;
        }
        return new SweepTable(fields.Select(f => f.Name).ToList(), joined);
    }).GetAwaiter().GetResult();
}
