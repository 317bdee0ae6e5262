using System.Globalization;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// Writes fitted distribution laws as the <c>elements:</c> block of a <c>mass-action</c> chemistry
/// (FORMAT.md), one flow mapping per element, ready to paste under <c>chemistry:</c>:
/// <c>Nd: {log-d: {constant: -1.85, ph: 1.94}}</c> or <c>Nd: {log-k: -1.2, extractant-order: 3}</c>.
/// </summary>
/// <remarks>
/// Only fitted coefficients are written: an omitted log-d term is 0 and an omitted extractant-order
/// is the charge, as the loader reads them. Charge and consumes are left to their defaults (the
/// element's usual charge), which is what the fit assumed. Numbers carry six significant digits,
/// far below the standard error of any fit to measured data.
/// </remarks>
public static class ChemistryYamlWriter
{
    /// <summary>The comment line that opens the block.</summary>
    public const string PasteComment = "# paste under chemistry: (model: mass-action)";

    /// <summary>
    /// The block: <see cref="PasteComment"/>, a comment on % v/v when a law uses it, then
    /// <c>elements:</c> with one line per fit, in the order given (YamlDotNet's emitter,
    /// <see cref="YamlEmission"/>). Lines end with "\n".
    /// </summary>
    public static string ElementsBlock(IEnumerable<FittedLaw> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var list = fits.ToList();
        // the emitter writes "# " before each comment
        var comments = new List<string> { PasteComment[2..] };
        if (list.Any(f => f.Law.PercentVolume))
            comments.Add($"extractant-unit \"{ShakeTestCsv.PercentVolumeUnit}\" needs molar-mass and density in chemistry.extractant");
        var elements = new YamlEmission.Mapping(list.Select(f => (f.Element, Law(f))).ToList(), BlockOnly: true);
        // one line per element, however many terms: the block is read and pasted line by line
        return YamlEmission.Document(new YamlEmission.Mapping([("elements", elements)], BlockOnly: true), comments, unlimitedWidth: true);
    }

    /// <summary>The flow mapping of one element, e.g. <c>{log-k: -1.2, extractant-order: 3}</c>.</summary>
    public static string Entry(FittedLaw fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return YamlEmission.FlowText(Law(fit));
    }

    private static YamlEmission.Node Law(FittedLaw fit)
    {
        var pairs = new YamlEmission.Mapping(fit.Terms.Select((term, i) => (term, (YamlEmission.Node)new YamlEmission.Value(Number(fit.Values[i])))).ToList());
        return fit.Kind switch
        {
            DistributionLawKind.LogK => pairs,
            DistributionLawKind.LogD => fit.Law.PercentVolume
                ? new YamlEmission.Mapping([("log-d", pairs), ("extractant-unit", YamlEmission.Text(ShakeTestCsv.PercentVolumeUnit))])
                : new YamlEmission.Mapping([("log-d", pairs)]),
            _ => new YamlEmission.Mapping([("d", new YamlEmission.Value(Number(fit.Law.Constant)))]),
        };
    }

    /// <summary>A YAML number with six significant digits: "-1.85", "0.000152", "1.5e-07"; never "-0".</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "a coefficient must be finite");
        double rounded = double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (rounded == 0) return "0";
        return rounded.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
    }
}
