using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SxCascade.Solvers;

/// <summary>
/// In-place LU factorisation with partial pivoting for small dense row-major blocks, and solves
/// with one vector or a row-major matrix of right-hand sides. Allocation-free.
/// </summary>
internal static class DenseLu
{
    /// <summary>
    /// Row stride for n-column blocks that the padded kernels (<see cref="SubtractProductPadded"/>,
    /// <see cref="SolveMatrixPadded"/>) sweep in whole SIMD vectors: n rounded up to the vector width,
    /// or n itself below one vector (the kernels then take their scalar path).
    /// </summary>
    public static int PaddedStride(int n)
    {
        int w = Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;
        // a block narrower than one vector stays unpadded: padding would multiply its work
        return n < w ? n : (n + w - 1) / w * w;
    }

    /// <summary>Factors the n×n row-major matrix <paramref name="a"/> in place; false when singular.</summary>
    public static bool Factor(Span<double> a, int n, Span<int> pivot) => Factor(a, n, n, pivot);

    /// <summary>Factors the n×n matrix <paramref name="a"/> (row stride <paramref name="ld"/>) in place; false when singular.</summary>
    public static bool Factor(Span<double> a, int n, int ld, Span<int> pivot)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double max = Math.Abs(a[k * ld + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * ld + k]);
                if (v > max) { max = v; p = i; }
            }
            pivot[k] = p;
            if (max == 0 || !double.IsFinite(max)) return false;
            if (p != k)
                SwapRows(a.Slice(k * ld, n), a.Slice(p * ld, n));
            double inv = 1.0 / a[k * ld + k];
            var rowK = a.Slice(k * ld, n);
            for (int i = k + 1; i < n; i++)
            {
                var rowI = a.Slice(i * ld, n);
                double f = rowI[k] * inv;
                rowI[k] = f;
                if (f == 0) continue;
                Axpy(-f, rowK[(k + 1)..], rowI[(k + 1)..]);
            }
        }
        return true;
    }

    /// <summary>Solves A·x = b in place for a factored A.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivot, Span<double> b) => Solve(lu, n, n, pivot, b);

    /// <summary>Solves A·x = b in place for a factored A of row stride <paramref name="ld"/>.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, int ld, ReadOnlySpan<int> pivot, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            var row = lu.Slice(i * ld, i);
            double s = b[i];
            for (int k = 0; k < i; k++) s -= row[k] * b[k];
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var row = lu.Slice(i * ld, n);
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= row[k] * b[k];
            b[i] = s / row[i];
        }
    }

    /// <summary>
    /// Solves A·X = B in place for a factored A; A (n×n) and B (n rows) both have the row stride
    /// <paramref name="ld"/> = <see cref="PaddedStride"/>(n), and all ld columns of B are solved
    /// (padding columns stay zero when they start zero). Each element sees the same operations in
    /// the same order as in row-by-row elimination, so the padding does not change the results;
    /// the columns are swept in SIMD vectors held in registers across the row's updates.
    /// </summary>
    public static void SolveMatrixPadded(ReadOnlySpan<double> lu, int n, int ld, ReadOnlySpan<int> pivot, Span<double> b)
    {
        if (!Vector.IsHardwareAccelerated || ld % Vector<double>.Count != 0) { SolveMatrixStrided(lu, n, ld, pivot, b); return; }
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) SwapRows(b.Slice(k * ld, ld), b.Slice(p * ld, ld));
        }
        ref double rl = ref MemoryMarshal.GetReference(lu);
        ref double rb = ref MemoryMarshal.GetReference(b);
        for (int i = 1; i < n; i++)
            UpdateRow(ref Unsafe.Add(ref rb, i * ld), ref rb, ld, ref Unsafe.Add(ref rl, i * ld), 0, i, 1.0);
        for (int i = n - 1; i >= 0; i--)
            UpdateRow(ref Unsafe.Add(ref rb, i * ld), ref rb, ld, ref Unsafe.Add(ref rl, i * ld), i + 1, n, 1.0 / Unsafe.Add(ref rl, i * ld + i));
    }

    /// <summary>
    /// dst += Σ_{k0 ≤ k &lt; k1} (−coef_k)·src_k over the ld columns (src_k the k-th row of stride ld),
    /// in k order, then dst ×= scale unless it is 1. The row is swept in chunks of three, two or one
    /// SIMD vectors whose accumulators stay in registers, so the chains of additions of a chunk's
    /// vectors overlap. ld must be a multiple of the vector width.
    /// </summary>
    private static void UpdateRow(ref double dst, ref double src, int ld, ref double coef, int k0, int k1, double scale)
    {
        int w = Vector<double>.Count, v = 0;
        bool scaled = scale != 1.0;
        var vs = new Vector<double>(scale);
        for (; v + 3 * w <= ld; v += 3 * w)
        {
            var a0 = Vector.LoadUnsafe(ref dst, (nuint)v);
            var a1 = Vector.LoadUnsafe(ref dst, (nuint)(v + w));
            var a2 = Vector.LoadUnsafe(ref dst, (nuint)(v + 2 * w));
            for (int k = k0; k < k1; k++)
            {
                double f = Unsafe.Add(ref coef, k);
                if (f == 0) continue;
                var vf = new Vector<double>(-f);
                ref double row = ref Unsafe.Add(ref src, k * ld + v);
                a0 += vf * Vector.LoadUnsafe(ref row);
                a1 += vf * Vector.LoadUnsafe(ref row, (nuint)w);
                a2 += vf * Vector.LoadUnsafe(ref row, (nuint)(2 * w));
            }
            if (scaled) { a0 *= vs; a1 *= vs; a2 *= vs; }
            a0.StoreUnsafe(ref dst, (nuint)v);
            a1.StoreUnsafe(ref dst, (nuint)(v + w));
            a2.StoreUnsafe(ref dst, (nuint)(v + 2 * w));
        }
        for (; v + 2 * w <= ld; v += 2 * w)
        {
            var a0 = Vector.LoadUnsafe(ref dst, (nuint)v);
            var a1 = Vector.LoadUnsafe(ref dst, (nuint)(v + w));
            for (int k = k0; k < k1; k++)
            {
                double f = Unsafe.Add(ref coef, k);
                if (f == 0) continue;
                var vf = new Vector<double>(-f);
                ref double row = ref Unsafe.Add(ref src, k * ld + v);
                a0 += vf * Vector.LoadUnsafe(ref row);
                a1 += vf * Vector.LoadUnsafe(ref row, (nuint)w);
            }
            if (scaled) { a0 *= vs; a1 *= vs; }
            a0.StoreUnsafe(ref dst, (nuint)v);
            a1.StoreUnsafe(ref dst, (nuint)(v + w));
        }
        for (; v < ld; v += w)
        {
            var a0 = Vector.LoadUnsafe(ref dst, (nuint)v);
            for (int k = k0; k < k1; k++)
            {
                double f = Unsafe.Add(ref coef, k);
                if (f == 0) continue;
                a0 += new Vector<double>(-f) * Vector.LoadUnsafe(ref src, (nuint)(k * ld + v));
            }
            if (scaled) a0 *= vs;
            a0.StoreUnsafe(ref dst, (nuint)v);
        }
    }

    private static void SolveMatrixStrided(ReadOnlySpan<double> lu, int n, int ld, ReadOnlySpan<int> pivot, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) SwapRows(b.Slice(k * ld, ld), b.Slice(p * ld, ld));
        }
        for (int i = 1; i < n; i++)
            for (int k = 0; k < i; k++)
            {
                double f = lu[i * ld + k];
                if (f != 0) Axpy(-f, b.Slice(k * ld, ld), b.Slice(i * ld, ld));
            }
        for (int i = n - 1; i >= 0; i--)
        {
            var bi = b.Slice(i * ld, ld);
            for (int k = i + 1; k < n; k++)
            {
                double f = lu[i * ld + k];
                if (f != 0) Axpy(-f, b.Slice(k * ld, ld), bi);
            }
            double inv = 1.0 / lu[i * ld + i];
            for (int j = 0; j < ld; j++) bi[j] *= inv;
        }
    }

    private static void SwapRows(Span<double> a, Span<double> b)
    {
        for (int j = 0; j < a.Length; j++) (a[j], b[j]) = (b[j], a[j]);
    }

    /// <summary>y += a·x (x at least as long as y); SIMD, with the same rounding as the scalar loop (no fused multiply-add).</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int j = 0, n = y.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            ref double rx = ref MemoryMarshal.GetReference(x[..n]);
            ref double ry = ref MemoryMarshal.GetReference(y);
            var va = new Vector<double>(a);
            for (; j <= n - Vector<double>.Count; j += Vector<double>.Count)
                (Vector.LoadUnsafe(ref ry, (nuint)j) + va * Vector.LoadUnsafe(ref rx, (nuint)j)).StoreUnsafe(ref ry, (nuint)j);
        }
        for (; j < n; j++) y[j] += a * x[j];
    }

    /// <summary>
    /// C −= A·B with A n×n of row stride n, and B and C n rows of stride ld = <see cref="PaddedStride"/>(n),
    /// all ld columns. The same operations in the same order per element as one row update per entry of A,
    /// with each SIMD vector of two rows of C held in registers across the n updates.
    /// </summary>
    public static void SubtractProductPadded(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n, int ld)
    {
        if (!Vector.IsHardwareAccelerated || ld % Vector<double>.Count != 0)
        {
            for (int r = 0; r < n; r++)
                for (int k = 0; k < n; k++)
                {
                    double f = a[r * n + k];
                    if (f != 0) Axpy(-f, b.Slice(k * ld, ld), c.Slice(r * ld, ld));
                }
            return;
        }
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        int i = 0;
        for (; i + 1 < n; i += 2)
            UpdateRowPair(ref Unsafe.Add(ref rc, i * ld), ref rb, ld, ref Unsafe.Add(ref ra, i * n), n);
        if (i < n)
            UpdateRow(ref Unsafe.Add(ref rc, i * ld), ref rb, ld, ref Unsafe.Add(ref ra, i * n), 0, n, 1.0);
    }

    /// <summary>
    /// <see cref="UpdateRow"/> for two consecutive rows (dst and dst + ld, coefficients coef and
    /// coef + n) over k = 0..n−1, sharing each loaded row of src: twice the independent additions in flight.
    /// </summary>
    private static void UpdateRowPair(ref double dst, ref double src, int ld, ref double coef, int n)
    {
        int w = Vector<double>.Count, v = 0;
        ref double dst1 = ref Unsafe.Add(ref dst, ld);
        ref double coef1 = ref Unsafe.Add(ref coef, n);
        for (; v + 3 * w <= ld; v += 3 * w)
        {
            var a0 = Vector.LoadUnsafe(ref dst, (nuint)v);
            var a1 = Vector.LoadUnsafe(ref dst, (nuint)(v + w));
            var a2 = Vector.LoadUnsafe(ref dst, (nuint)(v + 2 * w));
            var b0 = Vector.LoadUnsafe(ref dst1, (nuint)v);
            var b1 = Vector.LoadUnsafe(ref dst1, (nuint)(v + w));
            var b2 = Vector.LoadUnsafe(ref dst1, (nuint)(v + 2 * w));
            for (int k = 0; k < n; k++)
            {
                double f = Unsafe.Add(ref coef, k), g = Unsafe.Add(ref coef1, k);
                if (f == 0 && g == 0) continue;
                var vf = new Vector<double>(-f);
                var vg = new Vector<double>(-g);
                ref double row = ref Unsafe.Add(ref src, k * ld + v);
                var x0 = Vector.LoadUnsafe(ref row);
                var x1 = Vector.LoadUnsafe(ref row, (nuint)w);
                var x2 = Vector.LoadUnsafe(ref row, (nuint)(2 * w));
                a0 += vf * x0; a1 += vf * x1; a2 += vf * x2;
                b0 += vg * x0; b1 += vg * x1; b2 += vg * x2;
            }
            a0.StoreUnsafe(ref dst, (nuint)v);
            a1.StoreUnsafe(ref dst, (nuint)(v + w));
            a2.StoreUnsafe(ref dst, (nuint)(v + 2 * w));
            b0.StoreUnsafe(ref dst1, (nuint)v);
            b1.StoreUnsafe(ref dst1, (nuint)(v + w));
            b2.StoreUnsafe(ref dst1, (nuint)(v + 2 * w));
        }
        for (; v < ld; v += w)
        {
            var a0 = Vector.LoadUnsafe(ref dst, (nuint)v);
            var b0 = Vector.LoadUnsafe(ref dst1, (nuint)v);
            for (int k = 0; k < n; k++)
            {
                double f = Unsafe.Add(ref coef, k), g = Unsafe.Add(ref coef1, k);
                if (f == 0 && g == 0) continue;
                var x0 = Vector.LoadUnsafe(ref src, (nuint)(k * ld + v));
                a0 += new Vector<double>(-f) * x0;
                b0 += new Vector<double>(-g) * x0;
            }
            a0.StoreUnsafe(ref dst, (nuint)v);
            b0.StoreUnsafe(ref dst1, (nuint)v);
        }
    }

    /// <summary>
    /// y −= A·x for n rows of A of stride ld = <see cref="PaddedStride"/>(n) whose padding columns
    /// are zero, with x given padded to ld (its padding zero too): each row's dot product in SIMD vectors.
    /// </summary>
    public static void SubtractMatVecPadded(ReadOnlySpan<double> a, int ld, ReadOnlySpan<double> x, Span<double> y, int n)
    {
        if (!Vector.IsHardwareAccelerated || ld % Vector<double>.Count != 0) { SubtractMatVec(a, ld, x, y, n); return; }
        int w = Vector<double>.Count;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rx = ref MemoryMarshal.GetReference(x);
        for (int i = 0; i < n; i++)
        {
            var acc = Vector<double>.Zero;
            for (int v = 0; v < ld; v += w)
                acc += Vector.LoadUnsafe(ref ra, (nuint)(i * ld + v)) * Vector.LoadUnsafe(ref rx, (nuint)v);
            y[i] -= Vector.Sum(acc);
        }
    }

    /// <summary>y −= A·x for an n×n row-major block.</summary>
    public static void SubtractMatVec(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> y, int n) => SubtractMatVec(a, n, x, y, n);

    /// <summary>y −= A·x for an n×n block of row stride <paramref name="ld"/>.</summary>
    public static void SubtractMatVec(ReadOnlySpan<double> a, int ld, ReadOnlySpan<double> x, Span<double> y, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var ai = a.Slice(i * ld, n);
            double s = 0;
            for (int k = 0; k < n; k++) s += ai[k] * x[k];
            y[i] -= s;
        }
    }
}
