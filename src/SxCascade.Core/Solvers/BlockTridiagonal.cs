namespace SxCascade.Solvers;

/// <summary>
/// Solves the stage system L_j·z_{j-1} + D_j·z_j + U_j·z_{j+1} (+ C·z_{N-1} in row 0) = r_j
/// by block Gaussian elimination (block Thomas). The optional corner block C couples the first
/// stage to the last (the recycled stripped organic) and is carried through the elimination as
/// a fill-in "spike" column. Work arrays are owned here; solving allocates nothing.
/// </summary>
internal sealed class BlockTridiagonal
{
    private readonly int _n, _b;
    private readonly int[] _pivots;
    private readonly double[] _z;     // Z_j = D'_j^{-1}·(U_j [+ G_j at j = N-2])
    private readonly double[] _h;     // H_j = D'_j^{-1}·G_j (spike)
    private readonly double[] _g;     // G_j work block
    private readonly double[] _gNext;

    public BlockTridiagonal(int stages, int blockSize)
    {
        _n = stages;
        _b = blockSize;
        int bb = blockSize * blockSize;
        Lower = new double[stages * bb];
        Diagonal = new double[stages * bb];
        Upper = new double[stages * bb];
        Corner = new double[bb];
        _pivots = new int[stages * blockSize];
        _z = new double[stages * bb];
        _h = new double[stages * bb];
        _g = new double[bb];
        _gNext = new double[bb];
    }

    /// <summary>L_j (row-major b×b per stage; L_0 unused).</summary>
    public double[] Lower { get; }
    /// <summary>D_j; overwritten by the factorisation.</summary>
    public double[] Diagonal { get; }
    /// <summary>U_j (row-major b×b per stage; U_{N-1} unused).</summary>
    public double[] Upper { get; }
    /// <summary>Corner block C (row 0, column N-1).</summary>
    public double[] Corner { get; }
    /// <summary>True when <see cref="Corner"/> is part of the system.</summary>
    public bool HasCorner { get; set; }

    /// <summary>
    /// Solves in place: <paramref name="rhs"/> holds r on entry and z on exit. Destroys the
    /// blocks. Returns false when a pivot block is singular.
    /// </summary>
    public bool Solve(Span<double> rhs)
    {
        if (!Factor()) return false;
        SolveFactored(rhs);
        return true;
    }

    /// <summary>
    /// Factors the system in place (destroys the blocks) so that <see cref="SolveFactored"/> can
    /// solve it for any number of right-hand sides. Returns false when a pivot block is singular.
    /// </summary>
    public bool Factor()
    {
        int n = _n, b = _b, bb = b * b;
        var lower = Lower.AsSpan();
        var diag = Diagonal.AsSpan();
        bool spike = HasCorner && n > 1;
        if (HasCorner && n == 1)
            for (int t = 0; t < bb; t++) diag[t] += Corner[t];
        if (spike) Corner.AsSpan().CopyTo(_g);
        for (int j = 0; j < n; j++)
        {
            var dj = diag.Slice(j * bb, bb);
            var piv = _pivots.AsSpan(j * b, b);
            if (j > 0)
            {
                var lj = lower.Slice(j * bb, bb);
                DenseLu.SubtractProduct(lj, _z.AsSpan((j - 1) * bb, bb), dj, b);
                if (spike && j < n - 1)
                {
                    _gNext.AsSpan().Clear();
                    DenseLu.SubtractProduct(lj, _h.AsSpan((j - 1) * bb, bb), _gNext, b);
                    _gNext.AsSpan().CopyTo(_g);
                }
            }
            if (!DenseLu.Factor(dj, b, piv)) return false;
            if (j == n - 1) break;
            var zj = _z.AsSpan(j * bb, bb);
            Upper.AsSpan(j * bb, bb).CopyTo(zj);
            if (spike && j == n - 2)
                for (int t = 0; t < bb; t++) zj[t] += _g[t];
            DenseLu.SolveMatrix(dj, b, piv, zj, b);
            if (spike && j < n - 2)
            {
                var hj = _h.AsSpan(j * bb, bb);
                _g.AsSpan().CopyTo(hj);
                DenseLu.SolveMatrix(dj, b, piv, hj, b);
            }
        }
        return true;
    }

    /// <summary>Solves in place with the factors of the last <see cref="Factor"/>: r on entry, z on exit.</summary>
    public void SolveFactored(Span<double> rhs)
    {
        int n = _n, b = _b, bb = b * b;
        var lower = Lower.AsSpan();
        var diag = Diagonal.AsSpan();
        bool spike = HasCorner && n > 1;
        for (int j = 0; j < n; j++)
        {
            var rj = rhs.Slice(j * b, b);
            if (j > 0) DenseLu.SubtractMatVec(lower.Slice(j * bb, bb), rhs.Slice((j - 1) * b, b), rj, b);
            DenseLu.Solve(diag.Slice(j * bb, bb), b, _pivots.AsSpan(j * b, b), rj);
        }
        var last = rhs.Slice((n - 1) * b, b);
        for (int j = n - 2; j >= 0; j--)
        {
            var rj = rhs.Slice(j * b, b);
            DenseLu.SubtractMatVec(_z.AsSpan(j * bb, bb), rhs.Slice((j + 1) * b, b), rj, b);
            if (spike && j < n - 2)
                DenseLu.SubtractMatVec(_h.AsSpan(j * bb, bb), last, rj, b);
        }
    }
}
