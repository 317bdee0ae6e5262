using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>
/// Stage equilibrium of one cascade: the organic concentration y* in equilibrium with the
/// aqueous outlet x of a stage, and its Jacobian ∂y*/∂x. Bound to one cascade's element order
/// and stage layout by <see cref="EquilibriumModels.Bind"/>.
/// </summary>
public interface IStageEquilibrium
{
    /// <summary>Model key (constant-d, separation-factor, …).</summary>
    string Key { get; }

    /// <summary>True when y* is linear in x (the Newton step is then exact and taken in full).</summary>
    bool IsLinear { get; }

    /// <summary>
    /// Computes y* (mol/L) for stage <paramref name="stage"/> (0-based) from aqueous x (mol/L).
    /// When <paramref name="jacobian"/> is not empty it receives ∂y*_i/∂x_k row-major (C×C).
    /// </summary>
    void Evaluate(int stage, ReadOnlySpan<double> x, Span<double> yStar, Span<double> jacobian);

    /// <summary>
    /// Σ_i y*_i of stage <paramref name="stage"/> when it does not depend on x (a saturated
    /// organic, mol/L), else NaN. Lets a solver start from stage totals that already balance.
    /// </summary>
    double SaturatedLoading(int stage);

    /// <summary>
    /// True when the amount an aqueous stream carries of some component differs from the solved
    /// concentration (free H⁺ solved, total acidity H⁺ + HSO₄⁻ − OH⁻ carried).
    /// </summary>
    bool HasSpeciation { get; }

    /// <summary>
    /// Aqueous content c(x) carried by the flows (mol/L) and, when <paramref name="jacobian"/> is
    /// not empty, ∂c_i/∂x_k row-major. Identity unless <see cref="HasSpeciation"/>.
    /// </summary>
    void AqueousContent(int stage, ReadOnlySpan<double> x, Span<double> content, Span<double> jacobian);

    /// <summary>pH, free extractant (mol/L) and extractant loading fraction of a stage, or null where the model has none.</summary>
    StageChemistry? Describe(int stage, ReadOnlySpan<double> x);
}

/// <summary>Chemistry of one stage beyond concentrations.</summary>
/// <param name="Ph">−log10 [H⁺].</param>
/// <param name="FreeExtractant">Free extractant e, mol/L.</param>
/// <param name="LoadingFraction">Extractant bound to metals, Σν·y/E.</param>
public sealed record StageChemistry(double Ph, double FreeExtractant, double LoadingFraction);

/// <summary>Identity speciation shared by models whose aqueous content is the solved concentration.</summary>
internal static class NoSpeciation
{
    public static void Copy(ReadOnlySpan<double> x, Span<double> content, Span<double> jacobian)
    {
        x.CopyTo(content);
        if (jacobian.IsEmpty) return;
        int c = x.Length;
        jacobian[..(c * c)].Clear();
        for (int i = 0; i < c; i++) jacobian[i * c + i] = 1;
    }
}

/// <summary>Stage-by-stage description handed to a model when it is bound to a cascade.</summary>
/// <param name="Cascade">The cascade definition.</param>
/// <param name="Elements">Element order of the solve.</param>
/// <param name="Sections">Section of each stage (0-based).</param>
/// <param name="OrganicFlow">Organic flow, L/h.</param>
/// <param name="Layout">The cascade's stage layout (which inlet enters which stage).</param>
public sealed record CascadeBinding(CascadeDefinition Cascade, string[] Elements, SectionKind[] Sections, double OrganicFlow, StageLayout Layout);
