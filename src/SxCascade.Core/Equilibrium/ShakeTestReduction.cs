namespace SxCascade.Equilibrium;

/// <summary>
/// The reduction of one shake test's measurements to a point of the fit (MODEL.md §3.3): pH from the
/// free acidity, log10 D from the phase concentrations, the free extractant from the total. Moved
/// here from the CSV reader, which now only reads the columns.
/// </summary>
public static class ShakeTestReduction
{
    /// <summary>pH = −log10 h, h the free acidity in mol/L (&gt; 0).</summary>
    public static double PhFromAcidity(double acidity) => -Math.Log10(acidity);

    /// <summary>log10 D with D = org/aq, both in mol/L (&gt; 0).</summary>
    public static double LogDistributionRatio(double aqueous, double organic) => Math.Log10(organic / aqueous);

    /// <summary>log10 D of a measured D (&gt; 0).</summary>
    public static double LogDistributionRatio(double d) => Math.Log10(d);

    /// <summary>
    /// Free extractant e = E_total − ν·org with ν = z (each extracted ion binds z extractant
    /// molecules, the default of MODEL.md §3.3), mol/L; not positive when the data are inconsistent.
    /// </summary>
    /// <param name="total">Total extractant in the organic, mol/L.</param>
    /// <param name="charge">z of the element.</param>
    /// <param name="organic">The element's organic concentration at equilibrium, mol/L.</param>
    public static double FreeExtractant(double total, int charge, double organic) => total - charge * organic;
}
