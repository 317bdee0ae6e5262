using System.Reflection;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using SxCascade.Comparison;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// The comparison as one self-contained HTML5 page (<c>compare --report FILE.html</c>): what was compared,
/// the metrics and products tables (the text table's content, a unit in every header), the four
/// figures inline as SVG, and where the numbers come from (each flowsheet's description, the
/// contactor notes, the solver's warnings). No scripts, no external resources: the page reads the
/// same offline, in a mail attachment or printed. Every text from a file is HTML-escaped.
/// </summary>
internal static partial class CompareHtmlReport
{
    /// <summary>Writes the page.</summary>
    /// <param name="r">The comparison.</param>
    /// <param name="w">Where to write (UTF-8, "\n" line ends are the caller's choice).</param>
    /// <param name="generated">When the comparison was made; shown in UTC.</param>
    /// <param name="figures">The figures to inline; null draws them (<see cref="ComparePlots.Svgs"/>).</param>
    /// <param name="run">How the report was made (command line, overrides), shown with the tool version and
    /// each input file's SHA-256; null leaves the command line out.</param>
    public static void Write(ComparisonResult r, TextWriter w, DateTimeOffset generated, IReadOnlyList<ComparePlots.FigureSvg>? figures = null,
        ReportRun? run = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(w);
        figures ??= ComparePlots.Svgs(r);
        var t = r.Techniques;
        string title = $"Comparison of {t.Count} solvent-extraction technique{(t.Count == 1 ? "" : "s")}: {string.Join(", ", t.Select(x => x.Label))}";

        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\">");
        w.WriteLine("<head>");
        w.WriteLine("<meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine("<meta name=\"generator\" content=\"sxcascade compare\">");
        w.WriteLine($"<title>{E(title)}</title>");
        w.WriteLine($"<style>{Css}</style>");
        w.WriteLine("</head>");
        w.WriteLine("<body>");
        w.WriteLine("<main>");
        w.WriteLine($"<h1>{E(title)}</h1>");
        w.WriteLine($"<p class=\"meta\">Generated {E(generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC by sxcascade compare. "
            + (r.Designed
                ? $"Every flowsheet was designed to the specs of {E(t[0].Case.File)} (equal product quality) before comparing."
                : "Every flowsheet was solved as given (compare --design designs each to the specs of the first file).")
            + "</p>");
        WriteRun(r, w, generated, run);
        WriteCompared(r, w);
        WriteMetrics(r, w);
        WriteProducts(r, w);
        WriteFigures(figures, w);
        WriteProvenance(r, w);
        w.WriteLine("</main>");
        w.WriteLine("</body>");
        w.WriteLine("</html>");
    }

    private const string Css =
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Liberation Sans',Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0;line-height:1.45}"
        + "main{max-width:1060px;margin:0 auto;padding:1.5rem}"
        + "h1{font-size:1.6rem;margin:.2rem 0 .4rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.05rem;margin-bottom:.3rem}"
        + ".meta{color:#555}"
        + "table{border-collapse:collapse;margin:.6rem 0;font-size:.92rem}"
        + "th,td{border:1px solid #ccc;padding:.25rem .55rem;vertical-align:top}td.path,.path{overflow-wrap:break-word}"
        + "thead th{background:#f0f0f0;text-align:left}th[scope=row]{background:#fafafa;text-align:left;font-weight:600}"
        + "td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        + ".met{color:#17612b;font-weight:600;white-space:nowrap}.unmet{color:#a1161c;font-weight:700;white-space:nowrap}"
        + "figure{margin:1.2rem 0}figure svg{display:block;width:100%;height:auto;max-width:1000px;border:1px solid #e3e3e3}"
        + "figcaption{color:#444;font-size:.92rem;margin-top:.3rem}"
        + ".description{white-space:pre-wrap}"
        + "ul{margin:.2rem 0 .6rem}"
        + "@media print{main{max-width:none}figure{break-inside:avoid}}";

    /// <summary>The files, flowsheet names, and whether each was designed or solved as given.</summary>
    private static void WriteCompared(ComparisonResult r, TextWriter w)
    {
        w.WriteLine("<section id=\"compared\">");
        w.WriteLine("<h2>What was compared</h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>technique</th><th>file</th><th>flowsheet</th><th>compared as</th><th>products from</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (var x in r.Techniques)
        {
            string how = x.Design is { } d
                ? $"designed (S = {Value(d.Extraction)} mol/mol feed)"
                : "as given";
            // file paths may be long and have no spaces: they alone may break anywhere
            w.WriteLine($"<tr><th scope=\"row\">{E(x.Label)}</th><td class=\"path\">{Path(x.Case.File)}</td><td>{E(x.Flowsheet.Name)}</td><td>{E(how)}</td><td class=\"path\">{E(x.ProductsFrom)}</td></tr>");
        }
        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    /// <summary>One row per metric, one column per technique, the unit in each row's header.</summary>
    private static void WriteMetrics(ComparisonResult r, TextWriter w)
    {
        var t = r.Techniques;
        w.WriteLine("<section id=\"metrics\">");
        w.WriteLine("<h2>Metrics</h2>");
        w.WriteLine("<table>");
        w.Write("<thead><tr><th>metric [unit]</th>");
        foreach (var x in t) w.Write($"<th>{E(x.Label)}</th>");
        w.WriteLine("</tr></thead>");
        w.WriteLine("<tbody>");
        Row(w, "extraction stages n [count]", t.Select(x => Count(x.ExtractionStages)));
        Row(w, "scrub stages m [count]", t.Select(x => Count(x.ScrubStages)));
        Row(w, "strip stages k [count]", t.Select(x => Count(x.StripStages)));
        Row(w, "total stages [count]", t.Select(x => Count(x.TotalStages)));
        Row(w, "contactor", t.Select(x => x.Contactors), numeric: false);
        Row(w, "scrub mode", t.Select(x => x.ScrubModes), numeric: false);
        Row(w, "organic flow [L/h]", t.Select(x => Value(x.OrganicFlow)));
        Row(w, "organic inventory [L]", t.Select(x => x.OrganicInventory is { } v ? Value(v) : "unknown (no stage-volume or contactor)"));
        Row(w, "acid [kg/kg product oxide]", t.Select(x => Chemical(x.Result.Reagents.AcidKgPerKgOxide, x.Result.Reagents.AcidName)));
        Row(w, "base [kg/kg product oxide]", t.Select(x => x.Result.Reagents.BaseName is { } b
            ? Chemical(x.Result.Reagents.BaseKgPerKgOxide, b) : "0 (no saponification agent)"));
        Row(w, "effluent salt [kg/kg product oxide]", t.Select(x => Chemical(x.Result.Reagents.SaltKgPerKgOxide, x.Result.Reagents.SaltName ?? "none")));
        Row(w, "product oxide [kg/h]", t.Select(x => Value(x.Result.Reagents.ProductOxideKgPerH)));
        Row(w, r.Designed ? "design time [ms]" : "solve time [ms]", t.Select(x => x.Milliseconds.ToString("F1", CultureInfo.InvariantCulture)));
        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    /// <summary>"2.729 (HCl)".</summary>
    private static string Chemical(double kgPerKg, string name) => $"{Value(kgPerKg)} ({name})";

    private static void Row(TextWriter w, string header, IEnumerable<string> cells, bool numeric = true)
    {
        w.Write($"<tr><th scope=\"row\">{E(header)}</th>");
        foreach (var c in cells) w.Write(numeric ? $"<td class=\"num\">{E(c)}</td>" : $"<td>{E(c)}</td>");
        w.WriteLine("</tr>");
    }

    /// <summary>Purity and recovery of every product against its targets.</summary>
    private static void WriteProducts(ComparisonResult r, TextWriter w)
    {
        w.WriteLine("<section id=\"products\">");
        w.WriteLine("<h2>Products</h2>");
        w.WriteLine("<table>");
        w.WriteLine("<thead><tr><th>technique</th><th>product (stream, elements)</th><th>purity [%]</th><th>purity target [%]</th>"
            + "<th>recovery [%]</th><th>recovery target [%]</th><th>targets</th></tr></thead>");
        w.WriteLine("<tbody>");
        foreach (var x in r.Techniques)
        {
            if (x.Products.Count == 0)
            {
                w.WriteLine($"<tr><th scope=\"row\">{E(x.Label)}</th><td colspan=\"6\">no product stream with a rare earth</td></tr>");
                continue;
            }
            foreach (var p in x.Products)
            {
                bool targets = p.PurityTarget is not null || p.RecoveryTarget is not null;
                string result = !targets ? "<td>no target</td>" : p.Met ? "<td class=\"met\">met</td>" : "<td class=\"unmet\">NOT MET</td>";
                w.WriteLine($"<tr><th scope=\"row\">{E(x.Label)}</th><td>{E(p.Label)}</td>"
                    + $"<td class=\"num\">{E(Percent(p.Purity))}</td><td class=\"num\">{E(p.PurityTarget is { } pt ? Percent(pt) : "-")}</td>"
                    + $"<td class=\"num\">{E(Percent(p.Recovery))}</td><td class=\"num\">{E(p.RecoveryTarget is { } rt ? Percent(rt) : "-")}</td>"
                    + $"{result}</tr>");
            }
        }
        w.WriteLine("</tbody>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    private static void WriteFigures(IReadOnlyList<ComparePlots.FigureSvg> figures, TextWriter w)
    {
        w.WriteLine("<section id=\"figures\">");
        w.WriteLine("<h2>Figures</h2>");
        foreach (var f in figures)
        {
            w.WriteLine($"<figure id=\"{E(f.Stem)}\">");
            w.WriteLine(InlineSvg(f.Svg, f.Stem));
            w.WriteLine($"<figcaption>{E(f.Caption)} (also saved as {E(f.Stem)}.png and .svg by compare --out)</figcaption>");
            w.WriteLine("</figure>");
        }
        w.WriteLine("</section>");
    }

    /// <summary>
    /// The record of the run: tool version, date, command line, the --set overrides and every input
    /// file with its SHA-256, so that the report says what made it.
    /// </summary>
    private static void WriteRun(ComparisonResult r, TextWriter w, DateTimeOffset generated, ReportRun? run)
    {
        string version = typeof(CompareHtmlReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        w.WriteLine("<section id=\"run\">");
        w.WriteLine("<h2>How this report was made</h2>");
        w.WriteLine("<table class=\"run\">");
        w.WriteLine($"<tr><th scope=\"row\">tool</th><td>sxcascade {E(version)}</td></tr>");
        w.WriteLine($"<tr><th scope=\"row\">date</th><td>{E(generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))} UTC</td></tr>");
        if (run is not null)
        {
            w.WriteLine($"<tr><th scope=\"row\">command</th><td class=\"path\"><code>{Path(run.CommandLine)}</code></td></tr>");
            w.WriteLine($"<tr><th scope=\"row\">--set</th><td>{(run.Overrides.Count == 0 ? "none" : string.Join("<br>", run.Overrides.Select(o => $"<code>{E(o)}</code>")))}</td></tr>");
        }
        foreach (var file in r.Techniques.Select(x => x.Case.File).Distinct(StringComparer.Ordinal))
            w.WriteLine($"<tr><th scope=\"row\">input</th><td class=\"path\">{Path(file)}<br>SHA-256 <code>{E(Sha256(file))}</code></td></tr>");
        w.WriteLine("</table>");
        w.WriteLine("</section>");
    }

    /// <summary>The SHA-256 of a file, lower-case hex, or a note when it cannot be read (standard input).</summary>
    private static string Sha256(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "(not a file that can be read again)";
        }
    }

    /// <summary>A path, escaped, with a break opportunity after each separator: it wraps at / and \, never mid-name.</summary>
    private static string Path(string path) => E(path).Replace("/", "/<wbr>", StringComparison.Ordinal).Replace("\\", "\\<wbr>", StringComparison.Ordinal);

    /// <summary>Prose from a file (a description, a note): escaped, with `code` spans set as code rather than shown with their backticks.</summary>
    private static string Prose(string text) =>
        BacktickSpan().Replace(E(text), m => $"<code>{m.Groups[1].Value}</code>");

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]+)`")]
    private static partial System.Text.RegularExpressions.Regex BacktickSpan();

    /// <summary>Each flowsheet's description, the built-in library values it used (with their tags), the contactor notes of its cascades, and the warnings of its solve.</summary>
    private static void WriteProvenance(ComparisonResult r, TextWriter w)
    {
        w.WriteLine("<section id=\"provenance\">");
        w.WriteLine("<h2>Provenance</h2>");
        foreach (var x in r.Techniques)
        {
            w.WriteLine($"<h3>{E(x.Label)}: {E(x.Flowsheet.Name)}</h3>");
            w.WriteLine($"<p>File: <span class=\"path\">{Path(x.Case.File)}</span></p>");
            w.WriteLine(string.IsNullOrWhiteSpace(x.Flowsheet.Description)
                ? "<p class=\"description\">(the file gives no description)</p>"
                : $"<p class=\"description\">{Prose(x.Flowsheet.Description.Trim())}</p>");
            if (x.Result.Library.Count > 0)
            {
                w.WriteLine("<p>Built-in library values (docs/library.md):</p>");
                w.WriteLine("<ul class=\"library\">");
                foreach (var use in x.Result.Library)
                {
                    var p = use.Provenance;
                    w.WriteLine($"<li>{E(p.Kind)} {E(p.Name)} ({E(string.Join(", ", use.UsedBy))}): <strong>{E(p.TagLabel)}</strong>; source: {Prose(p.Source)}"
                        + (p.Overridden.Count > 0 ? $"; from the file instead: {E(string.Join(", ", p.Overridden))}" : "") + "</li>");
                }
                w.WriteLine("</ul>");
            }
            var notes = x.Result.Cascades.Where(c => c.ContactorNote is not null).ToList();
            if (notes.Count > 0)
            {
                w.WriteLine("<p>Contactors:</p>");
                w.WriteLine("<ul>");
                foreach (var c in notes)
                    w.WriteLine($"<li>{E(c.Name)}: {E(c.Contactor ?? "contactor")}: {Prose(c.ContactorNote!)}</li>");
                w.WriteLine("</ul>");
            }
            else
            {
                w.WriteLine("<p>Contactors: none named (no inventory or residence time from presets).</p>");
            }
            if (x.Result.Warnings.Count > 0)
            {
                w.WriteLine("<p>Warnings:</p>");
                w.WriteLine("<ul class=\"warnings\">");
                foreach (var warning in x.Result.Warnings) w.WriteLine($"<li>{Prose(warning)}</li>");
                w.WriteLine("</ul>");
            }
            else
            {
                w.WriteLine("<p>Warnings: none.</p>");
            }
        }
        w.WriteLine("</section>");
    }

    /// <summary>
    /// An SVG document made fit to sit inside the page: no XML declaration, a viewBox so CSS can
    /// scale it, and every id (ScottPlot's clip paths are cl_1, cl_2, … in each figure) prefixed
    /// with <paramref name="prefix"/> so that one figure's url(#…) never finds another's element.
    /// </summary>
    internal static string InlineSvg(string svg, string prefix)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new ArgumentException("not an SVG document", nameof(svg));
        string body = svg[start..].Trim();
        body = IdAttribute().Replace(body, m => $"{m.Groups[1].Value}=\"{prefix}-{m.Groups[2].Value}\"");
        body = UrlReference().Replace(body, m => $"url(#{prefix}-{m.Groups[1].Value})");
        body = HrefReference().Replace(body, m => $"{m.Groups[1].Value}=\"#{prefix}-{m.Groups[2].Value}\"");
        // the root element's own width and height give the viewBox
        var root = RootTag().Match(body);
        string tag = root.Value;
        if (!tag.Contains("viewBox", StringComparison.Ordinal)
            && WidthAttribute().Match(tag) is { Success: true } wm && HeightAttribute().Match(tag) is { Success: true } hm)
        {
            string withBox = tag[..^1] + $" viewBox=\"0 0 {wm.Groups[1].Value} {hm.Groups[1].Value}\">";
            body = withBox + body[tag.Length..];
            tag = withBox;
        }
        body = body[..tag.Length].Replace("<svg", $"<svg role=\"img\" aria-label=\"{E(prefix)}\"", StringComparison.Ordinal) + body[tag.Length..];
        return body;
    }

    [GeneratedRegex("\\b(id)=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex("\\b((?:xlink:)?href)=\"#([^\"]+)\"")]
    private static partial Regex HrefReference();

    [GeneratedRegex("^<svg\\b[^>]*>")]
    private static partial Regex RootTag();

    [GeneratedRegex("\\bwidth=\"([0-9.]+)\"")]
    private static partial Regex WidthAttribute();

    [GeneratedRegex("\\bheight=\"([0-9.]+)\"")]
    private static partial Regex HeightAttribute();

    /// <summary>HTML-escaped text (&amp;, &lt;, &gt;, quotes).</summary>
    private static string E(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>How a report was made, for its record.</summary>
/// <param name="CommandLine">The command line, as it can be typed again.</param>
/// <param name="Overrides">The --set overrides, in order.</param>
internal sealed record ReportRun(string CommandLine, IReadOnlyList<string> Overrides);
