using SxCascade.Flowsheets;
using System.Globalization;
using CsvHelper;
using SxCascade.Results;

namespace SxCascade.IO;

/// <summary>
/// Writes the stage profile and the stream table of a <see cref="FlowsheetResult"/> as CSV
/// (FORMAT.md "Results": same names as the JSON, the unit of every column in its header).
/// Invariant culture, "\n" line endings, numbers in the shortest form that parses back to the same
/// double (NaN and infinities as "NaN", "Infinity", "-Infinity"); a missing pH, free extractant or
/// loading fraction is an empty field.
/// </summary>
public static class ResultCsvWriter
{
    // CsvHelper 34 writes doubles without a format as the shortest text that round-trips.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    /// <summary>
    /// stages.csv: one row per stage of every cascade. Columns: cascade, stage, section,
    /// aqueous_flow [L/h], organic_flow [L/h], then x_El [mol/L] (aqueous) and y_El [mol/L]
    /// (organic) for each element, then ph [-], free_extractant [mol/L] and loading_fraction [-]
    /// (empty where the chemistry does not compute them). <paramref name="w"/> is left open.
    /// </summary>
    public static void WriteStages(FlowsheetResult r, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(w);
        using var csv = CsvWriter.Create(w, Options, leaveOpen: true);
        csv.WriteField("cascade");
        csv.WriteField("stage");
        csv.WriteField("section");
        csv.WriteField("aqueous_flow [L/h]");
        csv.WriteField("organic_flow [L/h]");
        foreach (var e in r.Elements.Select(MassActionChemistry.ResultName))
        {
            csv.WriteField($"x_{e} [mol/L]");
            csv.WriteField($"y_{e} [mol/L]");
        }
        csv.WriteField("ph [-]");
        csv.WriteField("free_extractant [mol/L]");
        csv.WriteField("loading_fraction [-]");
        csv.EndRecord();

        foreach (var s in r.Stages)
        {
            csv.WriteField(s.Cascade);
            csv.WriteField(s.Stage);
            csv.WriteField(s.Section.Name());
            csv.WriteField(s.AqueousFlow);
            csv.WriteField(s.OrganicFlow);
            for (int i = 0; i < r.Elements.Count; i++)
            {
                csv.WriteField(s.Aqueous[i]);
                csv.WriteField(s.Organic[i]);
            }
            csv.WriteField(s.Ph);
            csv.WriteField(s.FreeExtractant);
            csv.WriteField(s.LoadingFraction);
            csv.EndRecord();
        }
        csv.Flush();
    }

    /// <summary>
    /// streams.csv: one row per stream. Columns: name, kind, phase, flow [L/h], is_product, then for
    /// each element c_El [mol/L], molar_flow_El [mol/h], purity_El [mol frac] (or [oxide mass frac] with purity-basis: oxide-mass), recovery_El [frac].
    /// <paramref name="w"/> is left open.
    /// </summary>
    public static void WriteStreams(FlowsheetResult r, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(w);
        using var csv = CsvWriter.Create(w, Options, leaveOpen: true);
        csv.WriteField("name");
        csv.WriteField("kind");
        csv.WriteField("phase");
        csv.WriteField("flow [L/h]");
        csv.WriteField("is_product");
        foreach (var e in r.Elements.Select(MassActionChemistry.ResultName))
        {
            csv.WriteField($"c_{e} [mol/L]");
            csv.WriteField($"molar_flow_{e} [mol/h]");
            csv.WriteField(r.PurityBasis == PurityBasis.OxideMass ? $"purity_{e} [oxide mass frac]" : $"purity_{e} [mol frac]");
            csv.WriteField($"recovery_{e} [frac]");
        }
        csv.EndRecord();

        foreach (var s in r.Streams)
        {
            csv.WriteField(s.Name);
            csv.WriteField(Documents.FormatNames.Stream(s.Kind));
            csv.WriteField(s.Phase);
            csv.WriteField(s.Flow);
            csv.WriteField(s.IsProduct);
            for (int i = 0; i < r.Elements.Count; i++)
            {
                csv.WriteField(s.Concentrations[i]);
                csv.WriteField(s.MolarFlow(i));
                csv.WriteField(s.Purity[i]);
                csv.WriteField(s.Recovery[i]);
            }
            csv.EndRecord();
        }
        csv.Flush();
    }
}
