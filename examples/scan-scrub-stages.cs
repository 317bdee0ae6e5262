#:project ../src/SxCascade.IO/SxCascade.IO.csproj
// Scan the scrub stages of the Pr/Nd example and print, per stage count, the purities and recoveries
// of both products as a tidy CSV (one row per scrub stage count and product): the library used from a
// script, as docs/api.md describes.
//
//   dotnet run examples/scan-scrub-stages.cs                       # the example flowsheet, 20 to 40 stages
//   dotnet run examples/scan-scrub-stages.cs -- FILE CASCADE FROM TO STEP
using System.Globalization;
using SxCascade.IO;

// the example flowsheet beside this script's folder (run from anywhere), else from the current folder
string? here = AppContext.GetData("EntryPointFileDirectoryPath") as string;
string file = args.Length > 0 ? args[0] : here is null ? Path.Combine("flowsheets", "prnd-p507.yaml") : Path.Combine(here, "..", "flowsheets", "prnd-p507.yaml");
string cascade = args.Length > 1 ? args[1] : "PrNd";
int from = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
int to = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40;
int step = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;

Console.Out.NewLine = "\n";
Console.WriteLine("scrub_stages,stream,element,purity,recovery,converged");
for (int m = from; m <= to; m += step)
{
    // the same override as `sxcascade run FILE --set cascades.PrNd.scrub.stages=M`
    var loaded = SxCascadeEngine.Load(file, [$"cascades.{cascade}.scrub.stages={m}"]);
    if (!loaded.Ok)
    {
        foreach (var error in loaded.Errors) Console.Error.WriteLine(error);
        return 2;
    }
    var solved = SxCascadeEngine.TrySolve(loaded.Flowsheet!);
    var result = solved.Value ?? solved.Failed!;
    // the products are what the file's specs name: a stream and its element
    foreach (var spec in loaded.Flowsheet!.Specs)
    {
        var (purity, recovery) = result.GroupQuality(spec.Stream, spec.Elements);
        Console.WriteLine(string.Join(",", m.ToString(CultureInfo.InvariantCulture), spec.Stream, string.Join("+", spec.Elements),
            purity.ToString("R", CultureInfo.InvariantCulture), recovery.ToString("R", CultureInfo.InvariantCulture),
            solved.Ok ? "true" : "false"));
    }
}
return 0;
