using SxCascade.Flowsheets;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>
/// Expands <c>chemistry: { system: NAME, … }</c> on the YAML tree before the chemistry is mapped:
/// the built-in system's chemistry block (Library/systems.yaml) is merged under the file's own
/// keys, so the normal readers check the result exactly like a block written in the file. The
/// file's keys win; element maps (separation-factors, strip-distribution-ratios, …) merge per
/// element; <c>model</c> cannot be changed. Every node taken from the library is reported, in any
/// error, at the file's <c>system:</c> value with the note " (value from built-in system NAME)".
/// </summary>
internal static class SystemExpansion
{
    /// <summary>Keys whose value maps elements to values: a file's map adds to or replaces the library's per element.</summary>
    private static readonly string[] ElementMaps = ["separation-factors", "strip-distribution-ratios", "distribution-ratios", "elements"];

    /// <summary>The merged chemistry, the system it came from and the keys (key.element for element maps) the file gave itself.</summary>
    public sealed record Expanded(Entry Chemistry, LibrarySystem System, IReadOnlyList<string> FromFile);

    /// <summary>
    /// Merges the system named by <paramref name="systemValue"/> with the other keys of <paramref name="map"/>
    /// (the chemistry entry <paramref name="e"/>); null, with the errors recorded, when that cannot be done.
    /// </summary>
    public static Expanded? Expand(ReadContext context, Entry e, YamlMappingNode map, YamlNode systemKey, YamlNode systemValue)
    {
        var names = BuiltInLibrary.Systems.Select(s => s.Name).ToList();
        var list = string.Join(", ", names);
        var entry = new Entry("system", ReadContext.Join(e.Path, "system"), systemKey, systemValue);
        context.Record(entry);
        if (context.Scalar(entry, $"the name of a built-in system ({list})") is not { } name) return null;
        if (BuiltInLibrary.FindSystem(name) is not { } system)
        {
            context.Error(systemValue, $"unknown chemistry system '{name}'; {BuiltInLibrary.DidYouMean(name, names)}built-in systems: {list} "
                + "('sxcascade systems' lists them with their sources)");
            return null;
        }

        var merged = BuiltInLibrary.ChemistryNode(name);
        context.Adopt(merged, context.OriginOf(systemValue, $" (value from built-in system {name})"));
        // what concerns the block as a whole (a key it lacks) is reported at system: without that note
        context.Adopt(merged, context.OriginOf(systemValue, ""), subtree: false);
        var fromFile = new List<string>();
        bool ok = true;
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } k })
            {
                merged.Add(key, value);   // the chemistry reader reports a key that is not a name
                continue;
            }
            if (k == "system") continue;
            if (k == "model")
            {
                if (value is YamlScalarNode { Value: var model } && model == system.Model) continue;
                context.Error(key, $"built-in system '{name}' is a {system.Model} chemistry and its model cannot be changed; "
                    + "remove model: here, or write the whole chemistry block out without system:");
                ok = false;
                continue;
            }
            var existing = YamlDocuments.KeyOf(merged, k);
            if (existing is not null && ElementMaps.Contains(k) && merged.Children[existing] is YamlMappingNode library && value is YamlMappingNode own)
            {
                foreach (var (elementKey, elementValue) in own.Children)
                {
                    var element = (elementKey as YamlScalarNode)?.Value ?? "";
                    if (YamlDocuments.KeyOf(library, element) is { } replaced) library.Children.Remove(replaced);
                    library.Add(elementKey, elementValue);
                    fromFile.Add($"{k}.{element}");
                }
                continue;
            }
            if (existing is not null) merged.Children.Remove(existing);
            merged.Add(key, value);
            fromFile.Add(k);
        }
        return ok ? new Expanded(new Entry(e.Name, e.Path, e.Key, merged), system, fromFile) : null;
    }

    /// <summary>The provenance a chemistry read from <paramref name="x"/> carries.</summary>
    public static Provenance ProvenanceOf(Expanded x) =>
        new("system", x.System.Name, x.System.Tag, x.System.DerivedFrom, x.System.Source, x.FromFile);
}
