using System.IO.Compression;
using System.Xml.Linq;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The install path of README "Install": <c>dotnet pack</c>, then <c>dotnet tool install</c> from the
/// local packages, then the installed <c>sxcascade</c> runs every example flowsheet. Done for real in
/// a temporary tool path, with build outputs and the NuGet package folder of its own, so that nothing
/// of the developer's build or cache is reused.
/// </summary>
public sealed class ToolPackageTests
{
    [Fact]
    public async Task Packed_tool_installs_into_a_tool_path_and_runs_every_example()
    {
        string repo = ExternalProcess.RepositoryRoot();
        string work = CliRunner.FreshTempPath();
        Directory.CreateDirectory(work);
        try
        {
            string packages = Path.Combine(work, "nupkg");
            var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-packages") };
            foreach (var project in new[] { "SxCascade.Core", "SxCascade.IO", "SxCascade.Plots", "SxCascade.Cli" })
                await Dotnet(repo, env, "pack", Path.Combine("src", project), "-c", "Release", "-o", packages,
                    "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + Path.Combine(work, "artifacts"));

            // one version for all packages, and the libraries a script references are there
            string version = Version(repo);
            foreach (var id in new[] { "SxCascade", "SxCascade.Core", "SxCascade.IO", "SxCascade.Plots" })
                Assert.True(File.Exists(Path.Combine(packages, $"{id}.{version}.nupkg")), $"{id}.{version}.nupkg not packed: "
                    + string.Join(", ", Directory.GetFiles(packages).Select(Path.GetFileName)));
            AssertToolPackage(Path.Combine(packages, $"SxCascade.{version}.nupkg"), version);

            string tools = Path.Combine(work, "tools");
            await Dotnet(repo, env, "tool", "install", "--tool-path", tools, "--add-source", packages, "SxCascade", "--version", version);
            string exe = Path.Combine(tools, "sxcascade");
            Assert.True(File.Exists(exe), $"{exe} not installed");

            var (code, stdout, stderr) = await Run(exe, repo, env, "--version");
            Assert.True(code == 0, stderr);
            // the version and the commit it was built from (git describes the clone CI tests)
            Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(version)}\\+[0-9a-f]{{7,40}}\\s*$", stdout);

            var examples = Directory.GetFiles(Path.Combine(repo, "flowsheets"), "*.yaml");
            Assert.True(examples.Length >= 4, "the example flowsheets are missing");
            foreach (var file in examples)
            {
                (code, stdout, stderr) = await Run(exe, repo, env, "run", file, "--json");
                Assert.True(code == 0, $"{Path.GetFileName(file)}: exit {code}\n{stderr}");
                Assert.Contains("\"converged\": true", stdout);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The package is a .NET tool whose command is sxcascade, with real metadata and the README inside.</summary>
    private static void AssertToolPackage(string nupkg, string version)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (var s = nuspecEntry.Open()) nuspec = XDocument.Load(s);
        string Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
        Assert.Equal("SxCascade", Meta("id"));
        Assert.Equal(version, Meta("version"));
        Assert.Equal("MIT", Meta("license"));
        Assert.Equal("README.md", Meta("readme"));
        Assert.DoesNotContain("Package Description", Meta("description"));
        Assert.NotEqual("SxCascade", Meta("authors")); // the default is the package id
        Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && (string?)e.Attribute("name") == "DotnetTool");
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        var settings = zip.Entries.Single(e => e.FullName.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        using var t = settings.Open();
        var command = XDocument.Load(t).Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("sxcascade", (string?)command.Attribute("Name"));
    }

    private static string Version(string repo)
    {
        var props = XDocument.Load(Path.Combine(repo, "Directory.Build.props"));
        return props.Descendants().Single(e => e.Name.LocalName == "Version").Value;
    }

    private static async Task Dotnet(string cwd, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var (code, stdout, stderr) = await Run(ExternalProcess.DotnetHost, cwd, env, args);
        Assert.True(code == 0, $"dotnet {string.Join(' ', args)}: exit {code}\n{stdout}\n{stderr}");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(string exe, string cwd, IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var environment = env.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        // the test host's MSBuild settings must not leak into the nested build
        foreach (var k in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" }) environment[k] = null;
        var o = await ExternalProcess.RunAsync(exe, args, cwd, environment, TimeSpan.FromMinutes(5));
        return (o.Code, o.Stdout, o.Stderr);
    }
}
