using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>sxcascade compare FILE…</c>: the table, CSV, JSON and files on the contract examples; errors.</summary>
public sealed class CompareCommandTests
{
    private static readonly string[] Contract = ["prnd-p507.yaml", "ndfeb-dy-recovery.yaml", "kremser-constant-d.yaml", "mass-action-d2ehpa.yaml"];

    private static string[] ContractFiles() => Contract.Select(Flowsheet).ToArray();

    [Fact]
    public void The_table_lists_every_contract_example_with_units()
    {
        var o = Run(["compare", .. ContractFiles(), "--sweep", "3"]);
        Assert.True(o.Code == 0, o.ToString());
        foreach (var label in Contract.Select(Path.GetFileNameWithoutExtension))
            Assert.Contains(label!, o.Stdout);
        foreach (var row in new[] { "stages in all", "organic flow [L/h]", "organic inventory [L]", "acid [kg/kg REO]", "base [kg/kg REO]", "salt [kg/kg REO]", "solve time [ms]" })
            Assert.Contains(row, o.Stdout);
        Assert.Contains("2.881 NaOH", o.Stdout);          // the Pr/Nd example's base per kg REO, as `run` prints it
        Assert.Contains("compare: solving prnd-p507", o.Stderr);
        NoStackTrace(o.Stderr);
    }

    [Fact]
    public void The_json_agrees_with_run_on_each_flowsheet()
    {
        var o = Run(["compare", .. ContractFiles(), "--json", "--sweep", "0"]);
        Assert.True(o.Code == 0, o.ToString());
        Assert.Equal("", o.Stderr);
        using var doc = o.Json();
        Assert.Equal("sxcascade-comparison/1", doc.RootElement.GetProperty("format").GetString());
        var techniques = doc.RootElement.GetProperty("techniques").EnumerateArray().ToList();
        Assert.Equal(Contract.Length, techniques.Count);
        foreach (var (t, file) in techniques.Zip(Contract))
        {
            var run = Run("run", Flowsheet(file), "--json");
            using var r = run.Json();
            var reagents = r.RootElement.GetProperty("reagents");
            var cascades = r.RootElement.GetProperty("cascades").EnumerateArray().ToList();
            int stages = cascades.Sum(c => c.GetProperty("extraction_stages").GetInt32() + c.GetProperty("scrub_stages").GetInt32() + c.GetProperty("strip_stages").GetInt32());
            Assert.Equal(stages, t.GetProperty("total_stages").GetInt32());
            foreach (var key in new[] { "acid_kg_per_kg_oxide", "base_kg_per_kg_oxide", "salt_kg_per_kg_oxide" })
                Assert.Equal(Number(reagents.GetProperty(key)), Number(t.GetProperty("reagents").GetProperty(key)), 12);
            Assert.Equal(cascades.Sum(c => c.GetProperty("organic_flow").GetDouble()), t.GetProperty("organic_flow").GetDouble(), 12);
        }
        // the first file's own specs are its products, with their targets
        var first = techniques[0].GetProperty("products").EnumerateArray().ToList();
        Assert.Equal(["PrNd.raffinate", "PrNd.strip-liquor"], first.Select(p => p.GetProperty("stream").GetString()));
        Assert.Equal(0.985, first[0].GetProperty("purity_target").GetDouble());
    }

    private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble();

    [Fact]
    public void The_csv_has_a_unit_in_every_header_and_a_row_per_product()
    {
        var o = Run(["compare", .. ContractFiles(), "--csv", "--sweep", "0"]);
        Assert.True(o.Code == 0, o.ToString());
        var lines = Records(o.Stdout);
        var header = lines[0];
        Assert.All(header, h => Assert.Matches(@"^[a-z_]+ \[[^\]]+\]$", h));
        Assert.Contains("organic_inventory [L]", header);
        Assert.Contains("base [kg/kg REO]", header);
        Assert.Contains("purity [%]", header);
        using var doc = Run(["compare", .. ContractFiles(), "--json", "--sweep", "0"]).Json();
        int products = doc.RootElement.GetProperty("techniques").EnumerateArray().Sum(t => Math.Max(1, t.GetProperty("products").GetArrayLength()));
        Assert.Equal(products, lines.Count - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(header.Length, l.Length));
        Assert.Contains(lines, l => l[2] == "Pr/Nd split, saponified P507, acid scrub");
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas and doubled quotes.</summary>
    private static List<string[]> Records(string csv)
    {
        var records = new List<string[]>();
        foreach (var line in csv.TrimEnd('\n').Split('\n'))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char ch = line[i];
                if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(ch);
            }
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }

    [Fact]
    public void Out_writes_the_tables()
    {
        string dir = FreshTempPath();
        try
        {
            var o = Run(["compare", .. ContractFiles().Take(2), "--out", dir, "--sweep", "3"]);
            Assert.True(o.Code == 0, o.ToString());
            Assert.True(File.Exists(Path.Combine(dir, "compare.csv")));
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
            Assert.Equal(2, doc.RootElement.GetProperty("techniques").GetArrayLength());
            Assert.Contains("compare.csv", o.Stdout);
            foreach (var stem in new[] { "compare-metrics", "compare-profiles", "compare-purity-stages", "compare-tradeoff" })
                foreach (var ext in new[] { ".png", ".svg" })
                    Assert.True(new FileInfo(Path.Combine(dir, stem + ext)).Length > 1000, stem + ext);
            // --sweep 3 gave each technique its purity-against-stages curve
            Assert.All(doc.RootElement.GetProperty("techniques").EnumerateArray(), t => Assert.True(t.GetProperty("purity_against_stages").GetArrayLength() >= 2));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Errors_of_every_file_are_reported_and_nothing_is_written()
    {
        string dir = FreshTempPath();
        var o = Run("compare", Flowsheet("prnd-p507.yaml"), Corpus("contactor-problems.yaml"), Corpus("bad-names.yaml"), "--out", dir);
        Assert.Equal(2, o.Code);
        Assert.Contains("contactor-problems.yaml:15:16: unknown contactor", o.Stderr);
        Assert.Contains("bad-names.yaml:", o.Stderr);
        Assert.False(Directory.Exists(dir));
        Assert.Equal("", o.Stdout);
        NoStackTrace(o.Stderr);
    }

    [Fact]
    public void Design_needs_specs_in_the_first_file()
    {
        var o = Run("compare", Flowsheet("kremser-constant-d.yaml"), Flowsheet("prnd-p507.yaml"), "--design");
        Assert.Equal(2, o.Code);
        Assert.Contains("kremser-constant-d.yaml:", o.Stderr);
        Assert.Contains("--design designs every flowsheet to the specs of the first file, and it has none", o.Stderr);
    }

    [Fact]
    public void Purities_on_different_bases_are_not_compared()
    {
        string dir = FreshTempPath();
        Directory.CreateDirectory(dir);
        try
        {
            string oxide = Path.Combine(dir, "prnd-oxide.yaml");
            var lines = File.ReadAllLines(Flowsheet("prnd-p507.yaml")).Append("purity-basis: oxide-mass").ToArray();
            File.WriteAllLines(oxide, lines);
            var o = Run("compare", Flowsheet("prnd-p507.yaml"), oxide);
            Assert.Equal(2, o.Code);
            Assert.Contains($"prnd-oxide.yaml:{lines.Length}:1: purity-basis is oxide-mass here but mole in", o.Stderr);
            Assert.Equal("", o.Stdout);
            NoStackTrace(o.Stderr);
            // on one basis they compare, and the table says which
            var same = Run("compare", Flowsheet("prnd-p507.yaml"), oxide, "--set", "purity-basis=oxide-mass");
            Assert.True(same.Code == 0, same.ToString());
            Assert.Contains("purity as oxide mass fraction (purity-basis: oxide-mass)", same.Stdout);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void The_same_file_twice_is_refused()
    {
        var o = Run("compare", Flowsheet("prnd-p507.yaml"), Flowsheet("prnd-p507.yaml"), "--design");
        Assert.Equal(2, o.Code);
        Assert.Contains("given more than once", o.Stderr);
    }

    [Theory]
    [InlineData("--json", "--csv")]
    [InlineData("--sweep", "-1")]
    public void Usage_errors_exit_2(string a, string b)
    {
        var o = Run("compare", Flowsheet("prnd-p507.yaml"), a, b);
        Assert.Equal(2, o.Code);
        NoStackTrace(o.Stderr);
    }

    [Fact]
    public void Help_lists_options_and_examples()
    {
        var o = Run("compare", "--help");
        Assert.Equal(0, o.Code);
        foreach (var option in new[] { "--design", "--csv", "--json", "--out", "--report", "--sweep", "Examples:" })
            Assert.Contains(option, o.Stdout);
    }
}

/// <summary>Built-in library values in the comparison: every output says where they come from, indicative ones as such.</summary>
public sealed class CompareProvenanceTests
{
    private static readonly string Study = Flowsheet(Path.Combine("studies", "ndpr", "magnet", "1-p507-naoh-acid-scrub.yaml"));

    [Fact]
    public void The_table_lists_library_entries_with_their_tags()
    {
        var o = Run("compare", Study, Flowsheet("prnd-p507.yaml"));
        Assert.True(o.Code == 0, o.ToString());
        Assert.Contains("system p507-hcl: indicative (typical literature value, not measured) (used by 1-p507-naoh-acid-scrub)", o.Stdout);
        Assert.Contains("feed hdd-ndfeb-magnet: measured (used by 1-p507-naoh-acid-scrub)", o.Stdout);
        Assert.Contains("source: Belfqueh et al., J. Rare Earths 41 (2023) 621-631", o.Stdout);
    }

    [Fact]
    public void The_json_and_the_report_carry_them_too()
    {
        using var doc = Run("compare", Study, Flowsheet("prnd-p507.yaml"), "--json").Json();
        var techniques = doc.RootElement.GetProperty("techniques").EnumerateArray().ToList();
        var provenance = techniques[0].GetProperty("provenance").EnumerateArray().ToList();
        Assert.Contains(provenance, p => p.GetProperty("name").GetString() == "p507-hcl"
            && p.GetProperty("label").GetString() == "indicative (typical literature value, not measured)");
        Assert.Equal(0, techniques[1].GetProperty("provenance").GetArrayLength());

        string report = Path.Combine(FreshTempPath() + ".html");
        try
        {
            var o = Run("compare", Study, Flowsheet("prnd-p507.yaml"), "--report", report, "--sweep", "2");
            Assert.True(o.Code == 0, o.ToString());
            var html = File.ReadAllText(report);
            Assert.Contains("system p507-hcl (cascade DyNd): <strong>indicative (typical literature value, not measured)</strong>", html);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
