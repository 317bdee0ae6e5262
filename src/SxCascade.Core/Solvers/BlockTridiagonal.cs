namespace SxCascade.Solvers;

/// <summary>
/// Solves the stage system L_j·z_{j-1} + D_j·z_j + U_j·z_{j+1} (+ C·z_{N-1} in row 0) = r_j
/// by block Gaussian elimination (block Thomas). The optional corner block C couples the first
/// stage to the last (the recycled stripped organic) and is carried through the elimination as
/// a fill-in "spike" column. The blocks are given row-major b×b; the factors are kept with rows
/// padded to whole SIMD vectors (<see cref="DenseLu.PaddedStride"/>), so the b³ products and
/// solves of the elimination run on full vectors held in registers. Work arrays are owned here;
/// factoring and solving allocate nothing.
/// </summary>
internal sealed class BlockTridiagonal
{
    private readonly int _n, _b, _ld;
    private readonly int[] _pivots;
    private readonly double[] _d;     // factored D'_j, b rows of stride ld
    private readonly double[] _z;     // Z_j = D'_j^{-1}·(U_j [+ G_j at j = N-2]), stride ld
    private double[] _h = [];         // H_j = D'_j^{-1}·G_j (spike), stride ld; allocated for a corner only
    private readonly double[] _g;     // G_j work block, stride ld
    private readonly double[] _gNext;
    private readonly double[] _x, _last; // z_{j+1} and z_{N-1} padded to ld

    public BlockTridiagonal(int stages, int blockSize)
    {
        _n = stages;
        _b = blockSize;
        _ld = DenseLu.PaddedStride(blockSize);
        int bb = blockSize * blockSize, padded = blockSize * _ld;
        Lower = new double[stages * bb];
        Diagonal = new double[stages * bb];
        Upper = new double[stages * bb];
        Corner = new double[bb];
        _pivots = new int[stages * blockSize];
        _d = new double[stages * padded];
        _z = new double[stages * padded];
        _g = new double[padded];
        _gNext = new double[padded];
        _x = new double[_ld];
        _last = new double[_ld];
    }

    /// <summary>L_j (row-major b×b per stage; L_0 unused).</summary>
    public double[] Lower { get; }
    /// <summary>D_j (row-major b×b per stage).</summary>
    public double[] Diagonal { get; }
    /// <summary>U_j (row-major b×b per stage; U_{N-1} unused).</summary>
    public double[] Upper { get; }
    /// <summary>Corner block C (row 0, column N-1).</summary>
    public double[] Corner { get; }
    /// <summary>True when <see cref="Corner"/> is part of the system.</summary>
    public bool HasCorner { get; set; }

    /// <summary>
    /// Solves in place: <paramref name="rhs"/> holds r on entry and z on exit. Returns false when
    /// a pivot block is singular.
    /// </summary>
    public bool Solve(Span<double> rhs)
    {
        if (!Factor()) return false;
        SolveFactored(rhs);
        return true;
    }

    /// <summary>
    /// Factors the system (the blocks are left as they are) so that <see cref="SolveFactored"/> can
    /// solve it for any number of right-hand sides. Returns false when a pivot block is singular.
    /// </summary>
    public bool Factor()
    {
        int n = _n, b = _b, bb = b * b, ld = _ld, padded = b * ld;
        var lower = Lower.AsSpan();
        bool spike = HasCorner && n > 1;
        if (spike)
        {
            if (_h.Length == 0) _h = new double[n * padded];
            Pad(Corner, _g);
        }
        for (int j = 0; j < n; j++)
        {
            var dj = _d.AsSpan(j * padded, padded);
            Pad(Diagonal.AsSpan(j * bb, bb), dj);
            if (HasCorner && n == 1) AddPadded(Corner, dj);
            var piv = _pivots.AsSpan(j * b, b);
            if (j > 0)
            {
                var lj = lower.Slice(j * bb, bb);
                DenseLu.SubtractProductPadded(lj, _z.AsSpan((j - 1) * padded, padded), dj, b, ld);
                if (spike && j < n - 1)
                {
                    _gNext.AsSpan().Clear();
                    DenseLu.SubtractProductPadded(lj, _h.AsSpan((j - 1) * padded, padded), _gNext, b, ld);
                    _gNext.AsSpan().CopyTo(_g);
                }
            }
            if (!DenseLu.Factor(dj, b, ld, piv)) return false;
            if (j == n - 1) break;
            var zj = _z.AsSpan(j * padded, padded);
            Pad(Upper.AsSpan(j * bb, bb), zj);
            if (spike && j == n - 2)
                for (int t = 0; t < padded; t++) zj[t] += _g[t];
            DenseLu.SolveMatrixPadded(dj, b, ld, piv, zj);
            if (spike && j < n - 2)
            {
                var hj = _h.AsSpan(j * padded, padded);
                _g.AsSpan().CopyTo(hj);
                DenseLu.SolveMatrixPadded(dj, b, ld, piv, hj);
            }
        }
        return true;
    }

    /// <summary>Solves in place with the factors of the last <see cref="Factor"/>: r on entry, z on exit.</summary>
    public void SolveFactored(Span<double> rhs)
    {
        int n = _n, b = _b, bb = b * b, ld = _ld, padded = b * ld;
        var lower = Lower.AsSpan();
        bool spike = HasCorner && n > 1;
        for (int j = 0; j < n; j++)
        {
            var rj = rhs.Slice(j * b, b);
            if (j > 0) DenseLu.SubtractMatVec(lower.Slice(j * bb, bb), b, rhs.Slice((j - 1) * b, b), rj, b);
            DenseLu.Solve(_d.AsSpan(j * padded, padded), b, ld, _pivots.AsSpan(j * b, b), rj);
        }
        // back substitution with z_{j+1} and z_{N-1} copied into vectors of length ld (zero padding)
        var next = _x.AsSpan();
        var last = _last.AsSpan();
        rhs.Slice((n - 1) * b, b).CopyTo(last);
        rhs.Slice((n - 1) * b, b).CopyTo(next);
        for (int j = n - 2; j >= 0; j--)
        {
            var rj = rhs.Slice(j * b, b);
            DenseLu.SubtractMatVecPadded(_z.AsSpan(j * padded, padded), ld, next, rj, b);
            if (spike && j < n - 2)
                DenseLu.SubtractMatVecPadded(_h.AsSpan(j * padded, padded), ld, last, rj, b);
            rj.CopyTo(next);
        }
    }

    /// <summary>Copies a b×b row-major block into rows of stride ld, zeroing the padding.</summary>
    private void Pad(ReadOnlySpan<double> block, Span<double> padded)
    {
        int b = _b, ld = _ld;
        if (ld == b) { block.CopyTo(padded); return; }
        for (int r = 0; r < b; r++)
        {
            block.Slice(r * b, b).CopyTo(padded.Slice(r * ld, b));
            padded.Slice(r * ld + b, ld - b).Clear();
        }
    }

    private void AddPadded(ReadOnlySpan<double> block, Span<double> padded)
    {
        for (int r = 0; r < _b; r++)
            for (int c = 0; c < _b; c++) padded[r * _ld + c] += block[r * _b + c];
    }
}
