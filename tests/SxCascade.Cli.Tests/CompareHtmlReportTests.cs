using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SxCascade.Comparison;
using SxCascade.IO;

namespace SxCascade.Cli.Tests;

/// <summary>
/// One comparison of the contract flowsheets and its HTML report, made once for the report tests:
/// the Pr/Nd split in mixer-settlers, the same in centrifugal contactors with 26 scrub stages under
/// a label and a description full of markup characters, and the NdFeB Dy recovery (no contactor,
/// so no inventory and no contactor note).
/// </summary>
public sealed class CompareReportFixture
{
    public const string NastyLabel = "centrifugal <b>&</b> \"26\"";
    public const string NastyDescription = "Scrub cut to 26 stages; <script>alert('x')</script> & \"quotes\"";

    public ComparisonResult Result { get; }

    public string Html { get; }

    public CompareReportFixture()
    {
        Result = Comparer.Compare(
        [
            Case("mixer-settler", "prnd-p507.yaml", "cascades.PrNd.contactor=mixer-settler"),
            Case(NastyLabel, "prnd-p507.yaml", "cascades.PrNd.contactor=centrifugal-contactor", "cascades.PrNd.scrub.stages=26",
                $"description={NastyDescription}"),
            Case("Dy recovery", "ndfeb-dy-recovery.yaml"),
        ], new CompareOptions(SweepPoints: 3));
        using var w = new StringWriter { NewLine = "\n" };
        CompareHtmlReport.Write(Result, w, new DateTimeOffset(2025, 3, 4, 5, 6, 0, TimeSpan.FromHours(2)));
        Html = w.ToString();
    }

    private static TechniqueCase Case(string label, string file, params string[] overrides)
    {
        string path = CliRunner.Flowsheet(file);
        var loaded = FlowsheetLoader.LoadFile(path, overrides);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return new TechniqueCase(label, path, loaded.Flowsheet!);
    }
}

/// <summary>The content of the comparison's HTML report: tables with units, escaping, four inline figures.</summary>
public sealed class CompareHtmlReportTests(CompareReportFixture fixture) : IClassFixture<CompareReportFixture>
{
    private string Html => fixture.Html;

    private static int Occurrences(string text, string what) => Regex.Matches(text, Regex.Escape(what)).Count;

    private static string Wrapped(string path) => path.Replace("/", "/<wbr>", StringComparison.Ordinal);

    [Fact]
    public void Records_the_tool_version_the_date_and_every_input_file_with_its_sha256()
    {
        Assert.Contains("<h2>How this report was made</h2>", Html);
        Assert.Matches("<tr><th scope=\"row\">tool</th><td>sxcascade [0-9]+\\.[0-9]+", Html);
        Assert.Contains("<tr><th scope=\"row\">date</th><td>2025-03-04 03:06:00 UTC</td></tr>", Html);
        string file = CliRunner.Flowsheet("prnd-p507.yaml");
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
        Assert.Contains($"{Wrapped(file)}<br>SHA-256 <code>{sha}</code>", Html);
        Assert.Equal(2, Occurrences(Html, "<th scope=\"row\">input</th>")); // prnd-p507.yaml once, ndfeb-dy-recovery.yaml
    }

    [Fact]
    public void The_report_of_compare_carries_its_command_line_and_overrides()
    {
        string dir = CliRunner.FreshTempPath();
        string report = dir + ".html";
        try
        {
            var run = CliRunner.Run("compare", CliRunner.Flowsheet("prnd-p507.yaml"), "--set", "cascades.PrNd.scrub.stages=28",
                "--report", report, "--sweep", "0", "--quiet");
            Assert.True(run.Code == 0, run.ToString());
            string html = File.ReadAllText(report);
            Assert.Contains($"<code>sxcascade compare {Wrapped(CliRunner.Flowsheet("prnd-p507.yaml"))} --set cascades.PrNd.scrub.stages=28 --sweep 0 --report {Wrapped(report)}</code>", html);
            Assert.Contains("<tr><th scope=\"row\">--set</th><td><code>cascades.PrNd.scrub.stages=28</code></td></tr>", html);
            Assert.DoesNotContain("`", html); // no Markdown code spans shown with their backticks
        }
        finally
        {
            if (File.Exists(report)) File.Delete(report);
        }
    }

    [Fact]
    public void Is_one_html5_page_with_title_date_and_how_the_techniques_were_compared()
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", Html);
        Assert.EndsWith("</html>\n", Html);
        Assert.Contains("<h1>Comparison of 3 solvent-extraction techniques: mixer-settler, centrifugal &lt;b&gt;&amp;&lt;/b&gt; &quot;26&quot;, Dy recovery</h1>", Html);
        Assert.Contains("Generated 2025-03-04 03:06 UTC", Html); // 05:06 at +02:00
        Assert.Contains("Every flowsheet was solved as given", Html);
        // files, flowsheet names and where the products come from
        // paths may break after each separator, never inside a name
        Assert.Contains($"<td class=\"path\">{Wrapped(CliRunner.Flowsheet("ndfeb-dy-recovery.yaml"))}</td><td>Dy recovery from an NdFeB magnet leach</td><td>as given</td>", Html);
        Assert.Contains("<td>Pr/Nd split, saponified P507, acid scrub</td>", Html);
        Assert.Contains("<td class=\"path\">its own specs</td>", Html);
    }

    [Fact]
    public void Is_self_contained_without_scripts_or_external_resources()
    {
        Assert.DoesNotContain("<script", Html);
        Assert.DoesNotContain("<link", Html);
        Assert.DoesNotContain("<img", Html);
        Assert.DoesNotContain("src=", Html);
        Assert.DoesNotContain("@import", Html);
        Assert.DoesNotContain("href=\"http", Html);
        Assert.DoesNotContain("url(http", Html);
        Assert.DoesNotContain("<?xml", Html);
        Assert.Equal(1, Occurrences(Html, "<style>"));
    }

    [Fact]
    public void Metrics_table_has_a_unit_in_every_row_header_and_one_column_per_technique()
    {
        Assert.Contains("<thead><tr><th>metric [unit]</th><th>mixer-settler</th><th>centrifugal &lt;b&gt;&amp;&lt;/b&gt; &quot;26&quot;</th><th>Dy recovery</th></tr></thead>", Html);
        // prnd-p507.yaml: n = 20, m = 32 (26 by --set), k = 6; ndfeb-dy-recovery.yaml: 6, 8, 4
        Assert.Contains("<tr><th scope=\"row\">scrub stages m [count]</th><td class=\"num\">32</td><td class=\"num\">26</td><td class=\"num\">8</td></tr>", Html);
        Assert.Contains("<tr><th scope=\"row\">total stages [count]</th><td class=\"num\">58</td><td class=\"num\">52</td><td class=\"num\">18</td></tr>", Html);
        Assert.Contains("<tr><th scope=\"row\">contactor</th><td>mixer-settler</td><td>centrifugal contactor</td><td>none</td></tr>", Html);
        Assert.Contains("<tr><th scope=\"row\">scrub mode</th><td>acid</td><td>acid</td><td>acid</td></tr>", Html);
        Assert.Contains("<tr><th scope=\"row\">organic flow [L/h]</th><td class=\"num\">225.2</td><td class=\"num\">225.2</td><td class=\"num\">2.000</td></tr>", Html);
        Assert.Contains("<td class=\"num\">unknown (no stage-volume or contactor)</td></tr>", Html);
        var g = fixture.Result.Techniques[0].Result.Reagents;
        Assert.Contains($"<tr><th scope=\"row\">acid [kg/kg product oxide]</th><td class=\"num\">{NumberFormat.Value(g.AcidKgPerKgOxide)} (HCl)</td>", Html);
        Assert.Contains($"<tr><th scope=\"row\">base [kg/kg product oxide]</th><td class=\"num\">{NumberFormat.Value(g.BaseKgPerKgOxide)} (NaOH)</td>", Html);
        Assert.Contains($"<tr><th scope=\"row\">effluent salt [kg/kg product oxide]</th><td class=\"num\">{NumberFormat.Value(g.SaltKgPerKgOxide)} (NaCl)</td>", Html);
        Assert.Contains($"<tr><th scope=\"row\">product oxide [kg/h]</th><td class=\"num\">{NumberFormat.Value(g.ProductOxideKgPerH)}</td>", Html);
        Assert.Contains("<tr><th scope=\"row\">solve time [ms]</th>", Html);

        // every row header and every column header of the number tables carries a unit
        var metrics = Section("metrics");
        foreach (Match row in Regex.Matches(metrics, "<th scope=\"row\">([^<]*)</th>"))
            Assert.True(row.Groups[1].Value.Contains('[') || row.Groups[1].Value is "contactor" or "scrub mode", row.Groups[1].Value);
    }

    [Fact]
    public void Products_table_gives_purity_and_recovery_in_percent_with_targets_and_whether_they_are_met()
    {
        Assert.Contains("<th>purity [%]</th><th>purity target [%]</th><th>recovery [%]</th><th>recovery target [%]</th><th>targets</th>", Html);
        var p = fixture.Result.Techniques[0].Products[0];
        // prnd-p507.yaml as given: the Pr raffinate misses its 98.5 % by a little (58 stages)
        Assert.False(p.Met);
        Assert.Contains($"<tr><th scope=\"row\">mixer-settler</th><td>PrNd.raffinate Pr</td><td class=\"num\">{NumberFormat.Percent(p.Purity)}</td>"
            + $"<td class=\"num\">98.500</td><td class=\"num\">{NumberFormat.Percent(p.Recovery)}</td><td class=\"num\">-</td><td class=\"unmet\">NOT MET</td></tr>", Html);
        Assert.Contains("<td>PrNd.strip-liquor Nd</td>", Html);
        Assert.Contains("<td class=\"met\">met</td>", Html);
        Assert.Equal(fixture.Result.Techniques.Sum(t => t.Products.Count), Occurrences(Section("products"), "<tr><th scope=\"row\">"));
    }

    [Fact]
    public void Four_figures_are_inline_svg_with_captions_and_ids_unique_in_the_page()
    {
        var figures = Section("figures");
        Assert.Equal(4, Occurrences(Html, "<svg"));
        Assert.Equal(4, Occurrences(figures, "<figure id="));
        Assert.Equal(4, Occurrences(figures, "<figcaption>"));
        foreach (var stem in new[] { "compare-metrics", "compare-profiles", "compare-purity-stages", "compare-tradeoff" })
        {
            Assert.Contains($"<figure id=\"{stem}\">\n<svg role=\"img\" aria-label=\"{stem}\"", figures);
        }
        Assert.Matches("<svg [^>]*viewBox=\"0 0 1000 800\"", figures);
        Assert.Equal(3, Regex.Matches(figures, "<svg [^>]*viewBox=\"0 0 1000 600\"").Count);
        // each figure's clip paths carry its stem, so url(#…) finds the figure's own
        var ids = Regex.Matches(Html, "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (Match reference in Regex.Matches(figures, "url\\(#([^)]+)\\)"))
            Assert.Contains(reference.Groups[1].Value, ids);
        Assert.Contains("Aqueous concentration (mol/L)", figures);
    }

    [Fact]
    public void Every_text_from_the_files_is_escaped()
    {
        Assert.DoesNotContain("<b>&</b>", Html);
        Assert.DoesNotContain("alert('x')</script>", Html);
        Assert.Contains("centrifugal &lt;b&gt;&amp;&lt;/b&gt; &quot;26&quot;", Html);
        Assert.Contains("Scrub cut to 26 stages; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", Html);
        // the label also reaches the figures' legends, escaped by the SVG writer
        Assert.Contains("centrifugal &lt;b&gt;&amp;&lt;/b&gt; &quot;26&quot;: Pr", Section("figures"));
    }

    [Fact]
    public void Provenance_gives_descriptions_contactor_notes_and_warnings()
    {
        var provenance = Section("provenance");
        Assert.Contains("Didymium chloride (25 wt % Pr, 75 wt % Nd)", provenance);
        Assert.Contains("Separation factors are indicative values", provenance);
        var note = fixture.Result.Techniques[0].Result.Cascades[0].ContactorNote!;
        Assert.Contains($"<li>PrNd: mixer-settler: {System.Net.WebUtility.HtmlEncode(note)}</li>", provenance);
        Assert.Contains("hold-up 0.5 min per stage preset", provenance); // the centrifugal contactor's
        Assert.Contains("Contactors: none named", provenance);          // the Dy flowsheet names none
        Assert.Equal(3, Occurrences(provenance, "Warnings: none."));
    }

    [Fact]
    public void Warnings_of_a_solve_are_listed()
    {
        var r = fixture.Result;
        var t0 = r.Techniques[0];
        var warned = r with { Techniques = [t0 with { Result = t0.Result with { Warnings = ["efficiency <0.5> outside the correlation"] } }] };
        using var w = new StringWriter { NewLine = "\n" };
        CompareHtmlReport.Write(warned, w, DateTimeOffset.UnixEpoch, figures: []);
        Assert.Contains("<ul class=\"warnings\">\n<li>efficiency &lt;0.5&gt; outside the correlation</li>\n</ul>", w.ToString());
        Assert.Contains("<h1>Comparison of 1 solvent-extraction technique: mixer-settler</h1>", w.ToString());
    }

    [Fact]
    public void The_command_entry_point_writes_the_report_dated_today_with_its_four_figures()
    {
        using var w = new StringWriter { NewLine = "\n" };
        ComparePlots.WriteReport(fixture.Result, w);
        string html = w.ToString();
        Assert.Contains($"Generated {DateTime.UtcNow:yyyy-MM-dd}", html);
        Assert.Equal(4, Occurrences(html, "<svg"));
    }

    [Fact]
    public void A_designed_comparison_says_so_and_times_the_designs()
    {
        using var w = new StringWriter { NewLine = "\n" };
        CompareHtmlReport.Write(fixture.Result with { Designed = true }, w, DateTimeOffset.UnixEpoch, figures: []);
        string html = w.ToString();
        Assert.Contains($"Every flowsheet was designed to the specs of {CliRunner.Flowsheet("prnd-p507.yaml")} (equal product quality) before comparing.", html);
        Assert.Contains("<tr><th scope=\"row\">design time [ms]</th>", html);
        Assert.DoesNotContain("<figure", html);
    }

    [Fact]
    public void InlineSvg_drops_the_declaration_adds_a_viewbox_and_prefixes_ids()
    {
        string svg = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\">\n"
            + "<clipPath id=\"cl_4\"><rect width=\"10\" height=\"5\"/></clipPath><g clip-path=\"url(#cl_4)\"><use href=\"#cl_4\"/></g></svg>";
        string inline = CompareHtmlReport.InlineSvg(svg, "fig");
        Assert.Equal("<svg role=\"img\" aria-label=\"fig\" xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"200\" viewBox=\"0 0 300 200\">\n"
            + "<clipPath id=\"fig-cl_4\"><rect width=\"10\" height=\"5\"/></clipPath><g clip-path=\"url(#fig-cl_4)\"><use href=\"#fig-cl_4\"/></g></svg>", inline);
    }

    /// <summary>The HTML of &lt;section id="NAME"&gt; up to its end.</summary>
    private string Section(string name)
    {
        int start = Html.IndexOf($"<section id=\"{name}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {name}");
        int end = Html.IndexOf("</section>", start, StringComparison.Ordinal);
        return Html[start..end];
    }
}

/// <summary>
/// The report opened in a real browser: headless Chromium loads a copy of it offline with a small
/// checking script, which records failed loads and script errors from the first moment and, once
/// the page has loaded, measures every figure. Chromium writes console messages to stderr
/// (<c>--enable-logging=stderr</c>) as <c>INFO:CONSOLE:LINE] "message", source: URL (LINE)</c>, one
/// line per message at every level (console.error looks like console.log there) and it does not log
/// failed resource loads at all; so the page gets the capture-phase error listener, and any CONSOLE
/// line in stderr fails the test. CI installs the Debian package chromium (.ci/run) and sets CI=true,
/// under which a missing Chromium fails this test; elsewhere (a fresh machine without a browser) the
/// test is skipped, and `dotnet test` shows the skip with its reason.
/// </summary>
public sealed class CompareHtmlReportChromiumTests(CompareReportFixture fixture) : IClassFixture<CompareReportFixture>, IDisposable
{
    private readonly string _dir = CliRunner.FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // Installed first thing in <head>: failed loads (img, link, svg image, …) and script errors do
    // not bubble, so a capture-phase listener on window sees them; console.error is counted too.
    private const string Probe =
        "<script>window.__sxErrors=[];"
        + "window.addEventListener('error',function(e){var t=e.target;window.__sxErrors.push(t&&t!==window?'failed to load '+(t.currentSrc||t.src||t.href&&t.href.baseVal||t.href||t.tagName):'script error: '+e.message);},true);"
        + "window.addEventListener('securitypolicyviolation',function(e){window.__sxErrors.push('csp: '+e.blockedURI);});"
        + "var __sxConsoleError=console.error;console.error=function(){window.__sxErrors.push('console.error: '+Array.prototype.join.call(arguments,' '));};"
        + "</script>";

    // Appended at the end of <body>: after load, every figure's box, its text and its clip-path
    // references, and the resources the page fetched, written into the DOM as JSON.
    private const string Check =
        "<script>window.addEventListener('load',function(){"
        + "var figs=[].map.call(document.querySelectorAll('figure'),function(f){var s=f.querySelector('svg');var r=s?s.getBoundingClientRect():null;"
        + "var missing=[].filter.call(s?s.querySelectorAll('[clip-path]'):[],function(el){var m=/url\\(#([^)]+)\\)/.exec(el.getAttribute('clip-path'));return !m||!s.querySelector('[id=\"'+m[1]+'\"]');}).length;"
        + "var texts=[].filter.call(s?s.querySelectorAll('text'):[],function(t){var b=t.getBBox();return b.width>0&&b.height>0;}).length;"
        + "return {id:f.id,svg:!!s,width:r?r.width:0,height:r?r.height:0,texts:texts,missingClips:missing};});"
        + "var res=performance.getEntriesByType('resource').map(function(e){return e.name;});"
        + "var out=document.createElement('pre');out.id='sx-check';"
        + "out.textContent=JSON.stringify({figures:figs,errors:window.__sxErrors,resources:res,tables:document.querySelectorAll('table').length,width:document.documentElement.clientWidth});"
        + "document.body.appendChild(out);});</script>";

    // The display name carries the notice: `dotnet test` prints a skipped test's name at its default
    // verbosity but its reason only at "normal" and above.
    [SkippableFact(DisplayName = "HTML report opens in headless Chromium without errors, every figure drawn "
        + "(skipped where no Chromium is installed: apt-get install chromium; required under CI=true)")]
    public void Report_opens_in_headless_chromium_without_errors_and_every_figure_is_drawn()
    {
        string? found = Chromium();
        if (found is null && RequiresChromium(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail($"CI=true: {NoChromium}; CI must run this test (.ci/run installs the Debian package chromium).");
        Skip.If(found is null, $"SKIPPED: {NoChromium}, so the HTML report was not opened in a browser. "
            + "Install it (apt-get install chromium) to run this test; under CI=true it is required.");
        string chromium = found!;
        Directory.CreateDirectory(_dir);
        string page = Path.Combine(_dir, "report.html");
        string html = fixture.Html;
        int head = html.IndexOf("<meta charset=\"utf-8\">", StringComparison.Ordinal) + "<meta charset=\"utf-8\">".Length;
        html = html[..head] + Probe + html[head..];
        html = html.Replace("</body>", Check + "</body>", StringComparison.Ordinal);
        File.WriteAllText(page, html, new UTF8Encoding(false));

        var (code, dom, stderr) = RunChromium(chromium, page);
        string context = $"chromium exit {code}\n--- stderr ---\n{stderr}";
        Assert.True(code == 0, context);

        // every console message is a failure: the page itself writes none
        var console = stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.True(console.Count == 0, "console messages:\n" + string.Join("\n", console));

        var match = Regex.Match(dom, "<pre id=\"sx-check\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, "the checking script did not run; the page's DOM:\n" + dom[..Math.Min(dom.Length, 2000)] + "\n" + context);
        using var check = JsonDocument.Parse(System.Net.WebUtility.HtmlDecode(match.Groups[1].Value));
        var root = check.RootElement;
        Assert.Empty(root.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(root.GetProperty("resources").EnumerateArray().Select(e => e.GetString())); // nothing fetched: self-contained
        // "What was compared", "Metrics", "Products", and the record of how the report was made (class "run")
        Assert.Equal(4, root.GetProperty("tables").GetInt32());

        var figures = root.GetProperty("figures").EnumerateArray().ToList();
        Assert.Equal(["compare-metrics", "compare-profiles", "compare-purity-stages", "compare-tradeoff"], figures.Select(f => f.GetProperty("id").GetString()));
        foreach (var f in figures)
        {
            string id = f.GetProperty("id").GetString()!;
            double width = f.GetProperty("width").GetDouble(), height = f.GetProperty("height").GetDouble();
            Assert.True(f.GetProperty("svg").GetBoolean(), id);
            // laid out at the column width (at most 1000 px) with the figure's aspect ratio
            Assert.True(width is > 600 and <= 1002, $"{id}: {width} px wide");
            double aspect = id == "compare-metrics" ? 800.0 / 1000 : 600.0 / 1000;
            Assert.True(Math.Abs(height / width - aspect) < 0.02, $"{id}: {width} × {height} px");
            Assert.True(f.GetProperty("texts").GetInt32() > 10, $"{id}: {f.GetProperty("texts").GetInt32()} text elements drawn");
            Assert.Equal(0, f.GetProperty("missingClips").GetInt32());
        }
    }

    private const string NoChromium =
        "no headless Chromium found (chromium or chromium-browser on PATH, or SXCASCADE_CHROMIUM)";

    /// <summary>True when the environment variable CI says this is a CI run ("true" or "1", any case), where the browser test must run.</summary>
    internal static bool RequiresChromium(string? ci) =>
        ci is not null && (ci.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || ci.Trim() == "1");

    /// <summary>The Chromium executable: $SXCASCADE_CHROMIUM (which must exist), else chromium or chromium-browser on PATH, else null.</summary>
    private static string? Chromium()
    {
        if (Environment.GetEnvironmentVariable("SXCASCADE_CHROMIUM") is { Length: > 0 } given)
        {
            Assert.True(File.Exists(given), $"SXCASCADE_CHROMIUM={given}: no such file; unset it to use chromium from PATH");
            return given;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }

    /// <summary>Runs Chromium headless and offline on <paramref name="page"/>; exit code, the DOM after load, stderr.</summary>
    private (int Code, string Dom, string Stderr) RunChromium(string chromium, string page)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--enable-logging=stderr", "--v=0",
            // a profile of its own (no clash with a running browser) and no network: the page must need none
            "--user-data-dir=" + Path.Combine(_dir, "profile"),
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--window-size=1100,900",
            "--virtual-time-budget=10000",
            "--dump-dom", new Uri(page).AbsoluteUri,
        })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {chromium}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within 120 s\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>When the browser test may skip itself: never on CI.</summary>
public sealed class ChromiumRequirementTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    public void The_browser_test_is_required_exactly_when_CI_is_true(string? ci, bool required) =>
        Assert.Equal(required, CompareHtmlReportChromiumTests.RequiresChromium(ci));
}
