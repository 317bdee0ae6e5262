using System.Numerics;
using System.Runtime.InteropServices;

namespace SxCascade.Solvers;

/// <summary>
/// A tridiagonal N×N system T = T0 + corner·e_0·e_{N-1}ᵀ, the optional corner coupling the first
/// row to the last unknown (the recycled organic). Factored by the Thomas algorithm, with
/// Sherman–Morrison for the corner. Besides solves it forms a leading block of T⁻¹ in O(N) work per
/// entry-row, from the two-sided recurrences of the inverse of a tridiagonal matrix: above the
/// diagonal (T0⁻¹)_{jk} = −c'_j·(T0⁻¹)_{j+1,k} (forward sweep), below it
/// (T0⁻¹)_{jk} = −(b_j/δ'_j)·(T0⁻¹)_{j-1,k} (backward sweep), and on it 1/(δ_k + δ'_k − a_k).
/// Work arrays are owned here; nothing is allocated after construction.
/// </summary>
internal sealed class CyclicTridiagonal
{
    private readonly int _n;
    private readonly double[] _cp, _dp, _rdp, _back, _q;
    private double _corner;

    /// <param name="n">Unknowns N.</param>
    public CyclicTridiagonal(int n)
    {
        _n = n;
        Lower = new double[n];
        Diagonal = new double[n];
        Upper = new double[n];
        _cp = new double[n];
        _dp = new double[n];
        _rdp = new double[n];
        _back = new double[n];
        _q = new double[n];
    }

    /// <summary>b_j, the coefficient of unknown j−1 in row j (b_0 unused).</summary>
    public double[] Lower { get; }
    /// <summary>a_j, the diagonal.</summary>
    public double[] Diagonal { get; }
    /// <summary>c_j, the coefficient of unknown j+1 in row j (c_{N-1} unused).</summary>
    public double[] Upper { get; }

    /// <summary>Factors T after the bands were filled, with <paramref name="corner"/> = T[0, N−1] (0 for none).</summary>
    public void Factor(double corner)
    {
        _corner = corner;
        _dp[0] = Diagonal[0];
        _rdp[0] = 1 / Diagonal[0];
        _cp[0] = Upper[0] * _rdp[0];
        for (int j = 1; j < _n; j++)
        {
            double m = Diagonal[j] - Lower[j] * _cp[j - 1], rm = 1 / m;
            _cp[j] = Upper[j] * rm;
            _dp[j] = m;
            _rdp[j] = rm;
        }
        if (corner == 0) return;
        // T = T0 + u·vᵀ with u = corner·e_0, v = e_{N-1}: x = z − q·(v·z)/(1 + v·q), T0·q = u
        Array.Clear(_q);
        _q[0] = corner;
        SolveBands(_q);
    }

    /// <summary>Solves T·v = b in place.</summary>
    public void Solve(Span<double> b)
    {
        SolveBands(b);
        if (_corner == 0) return;
        double factor = b[_n - 1] / (1 + _q[_n - 1]);
        for (int j = 0; j < _n; j++) b[j] -= _q[j] * factor;
    }

    /// <summary>
    /// Factors four systems whose bands were filled (<paramref name="corner"/>[l] = T_l[0, N−1]) and
    /// solves T_l·v_l = b_l in place, with the same arithmetic as <see cref="Factor"/> and
    /// <see cref="Solve"/> one system at a time. The Thomas recurrences are chains of dependent
    /// divisions and multiplies; four independent chains in one loop overlap in the pipeline.
    /// Lanes to spare take a separate system of their own (for instance the identity), never a repeat:
    /// the solves work in place.
    /// </summary>
    public static void FactorSolve4(CyclicTridiagonal t0, CyclicTridiagonal t1, CyclicTridiagonal t2, CyclicTridiagonal t3,
        ReadOnlySpan<double> corner, double[] b0, double[] b1, double[] b2, double[] b3)
    {
        int n = t0._n;
        if (t1._n != n || t2._n != n || t3._n != n) throw new ArgumentException("systems of different sizes");
        t0.FactorFirst(corner[0]);
        t1.FactorFirst(corner[1]);
        t2.FactorFirst(corner[2]);
        t3.FactorFirst(corner[3]);
        for (int j = 1; j < n; j++)
        {
            t0.FactorRow(j);
            t1.FactorRow(j);
            t2.FactorRow(j);
            t3.FactorRow(j);
        }
        bool anyCorner = t0._corner != 0 || t1._corner != 0 || t2._corner != 0 || t3._corner != 0;
        if (anyCorner)
        {
            Array.Clear(t0._q);
            Array.Clear(t1._q);
            Array.Clear(t2._q);
            Array.Clear(t3._q);
            t0._q[0] = t0._corner;
            t1._q[0] = t1._corner;
            t2._q[0] = t2._corner;
            t3._q[0] = t3._corner;
            SolveBands4(t0, t1, t2, t3, t0._q, t1._q, t2._q, t3._q);
        }
        SolveBands4(t0, t1, t2, t3, b0, b1, b2, b3);
        t0.CornerCorrection(b0);
        t1.CornerCorrection(b1);
        t2.CornerCorrection(b2);
        t3.CornerCorrection(b3);
    }

    private void FactorFirst(double corner)
    {
        _corner = corner;
        _dp[0] = Diagonal[0];
        _rdp[0] = 1 / Diagonal[0];
        _cp[0] = Upper[0] * _rdp[0];
    }

    private void FactorRow(int j)
    {
        double m = Diagonal[j] - Lower[j] * _cp[j - 1], rm = 1 / m;
        _cp[j] = Upper[j] * rm;
        _dp[j] = m;
        _rdp[j] = rm;
    }

    private void CornerCorrection(Span<double> b)
    {
        if (_corner == 0) return;
        double factor = b[_n - 1] / (1 + _q[_n - 1]);
        for (int j = 0; j < _n; j++) b[j] -= _q[j] * factor;
    }

    private static void SolveBands4(CyclicTridiagonal t0, CyclicTridiagonal t1, CyclicTridiagonal t2, CyclicTridiagonal t3,
        double[] b0, double[] b1, double[] b2, double[] b3)
    {
        int n = t0._n;
        b0[0] *= t0._rdp[0];
        b1[0] *= t1._rdp[0];
        b2[0] *= t2._rdp[0];
        b3[0] *= t3._rdp[0];
        for (int j = 1; j < n; j++)
        {
            b0[j] = (b0[j] - t0.Lower[j] * b0[j - 1]) * t0._rdp[j];
            b1[j] = (b1[j] - t1.Lower[j] * b1[j - 1]) * t1._rdp[j];
            b2[j] = (b2[j] - t2.Lower[j] * b2[j - 1]) * t2._rdp[j];
            b3[j] = (b3[j] - t3.Lower[j] * b3[j - 1]) * t3._rdp[j];
        }
        for (int j = n - 2; j >= 0; j--)
        {
            b0[j] -= t0._cp[j] * b0[j + 1];
            b1[j] -= t1._cp[j] * b1[j + 1];
            b2[j] -= t2._cp[j] * b2[j + 1];
            b3[j] -= t3._cp[j] * b3[j + 1];
        }
    }

    private void SolveBands(Span<double> b)
    {
        b[0] *= _rdp[0];
        for (int j = 1; j < _n; j++) b[j] = (b[j] - Lower[j] * b[j - 1]) * _rdp[j];
        for (int j = _n - 2; j >= 0; j--) b[j] -= _cp[j] * b[j + 1];
    }

    /// <summary>
    /// Adds Σ_k w_k·[(T⁻¹)_{jk} − (T⁻¹)_{j,k+1}] to <paramref name="target"/>[j·m + k] for j, k &lt; m,
    /// that is the block of T⁻¹·E·diag(w), E·e_k = e_k − e_{k+1} (e_N = 0), for a factored T.
    /// <paramref name="inverse"/> is work space of at least N·(m+1) doubles and
    /// <paramref name="row"/> of at least m+1; m ≤ N.
    /// </summary>
    public void AddDifferencedInverse(int m, ReadOnlySpan<double> w, Span<double> target, Span<double> inverse, Span<double> row)
    {
        int n = _n, cols = m + 1, last = Math.Min(m, n - 1);
        var inv = inverse[..(n * cols)];
        inv.Clear();
        // backward pivots δ'_j = a_j − c_j·b_{j+1}/δ'_{j+1}
        _back[n - 1] = Diagonal[n - 1];
        for (int j = n - 2; j >= 0; j--) _back[j] = Diagonal[j] - Upper[j] * Lower[j + 1] / _back[j + 1];
        for (int k = 0; k <= last; k++) inv[k * cols + k] = 1 / (_dp[k] + _back[k] - Diagonal[k]);
        // above the diagonal, from the bottom row of the block up
        for (int j = last - 1; j >= 0; j--)
            Scale(-_cp[j], inv.Slice((j + 1) * cols + j + 1, last - j), inv.Slice(j * cols + j + 1, last - j));
        // below the diagonal, from the top row down (all rows: the corner needs the last)
        for (int j = 1; j < n; j++)
        {
            int width = Math.Min(j, last + 1);
            Scale(-Lower[j] / _back[j], inv.Slice((j - 1) * cols, width), inv.Slice(j * cols, width));
        }
        // corner: T⁻¹ = T0⁻¹ − q·rᵀ/(1 + q_{N-1}), r the last row of T0⁻¹; differenced, r becomes a row term
        var rowTerm = row[..m];
        rowTerm.Clear();
        if (_corner != 0)
        {
            var r = inv.Slice((n - 1) * cols, cols);
            double sigma = 1 / (1 + _q[n - 1]);
            for (int k = 0; k < m; k++) rowTerm[k] = w[k] * (r[k] - r[k + 1]) * sigma;
        }
        for (int j = 0; j < m; j++)
            AddRow(w[..m], inv.Slice(j * cols, cols), _corner != 0 ? _q[j] : 0, rowTerm, target.Slice(j * m, m));
    }

    /// <summary>dst = a·src.</summary>
    private static void Scale(double a, ReadOnlySpan<double> src, Span<double> dst)
    {
        int k = 0, n = dst.Length, w = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= w)
        {
            ref double rs = ref MemoryMarshal.GetReference(src[..n]);
            ref double rd = ref MemoryMarshal.GetReference(dst);
            var va = new Vector<double>(a);
            for (; k <= n - w; k += w) (va * Vector.LoadUnsafe(ref rs, (nuint)k)).StoreUnsafe(ref rd, (nuint)k);
        }
        for (; k < n; k++) dst[k] = a * src[k];
    }

    /// <summary>t_k += w_k·(v_k − v_{k+1}) − s·u_k (v one longer than t).</summary>
    private static void AddRow(ReadOnlySpan<double> w, ReadOnlySpan<double> v, double s, ReadOnlySpan<double> u, Span<double> t)
    {
        int k = 0, n = t.Length, width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            ref double rw = ref MemoryMarshal.GetReference(w[..n]);
            ref double rv = ref MemoryMarshal.GetReference(v[..(n + 1)]);
            ref double ru = ref MemoryMarshal.GetReference(u[..n]);
            ref double rt = ref MemoryMarshal.GetReference(t);
            var vs = new Vector<double>(s);
            for (; k <= n - width; k += width)
            {
                var d = Vector.LoadUnsafe(ref rv, (nuint)k) - Vector.LoadUnsafe(ref rv, (nuint)(k + 1));
                (Vector.LoadUnsafe(ref rt, (nuint)k) + Vector.LoadUnsafe(ref rw, (nuint)k) * d - vs * Vector.LoadUnsafe(ref ru, (nuint)k))
                    .StoreUnsafe(ref rt, (nuint)k);
            }
        }
        for (; k < n; k++) t[k] += w[k] * (v[k] - v[k + 1]) - s * u[k];
    }
}
