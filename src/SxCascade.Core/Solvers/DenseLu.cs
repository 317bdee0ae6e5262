using System.Numerics;
using System.Runtime.InteropServices;

namespace SxCascade.Solvers;

/// <summary>
/// In-place LU factorisation with partial pivoting for small dense row-major blocks, and solves
/// with one vector or a row-major matrix of right-hand sides. Allocation-free.
/// </summary>
internal static class DenseLu
{
    /// <summary>Factors the n×n row-major matrix <paramref name="a"/> in place; false when singular.</summary>
    public static bool Factor(Span<double> a, int n, Span<int> pivot)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double max = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > max) { max = v; p = i; }
            }
            pivot[k] = p;
            if (max == 0 || !double.IsFinite(max)) return false;
            if (p != k)
                SwapRows(a.Slice(k * n, n), a.Slice(p * n, n));
            double inv = 1.0 / a[k * n + k];
            var rowK = a.Slice(k * n, n);
            for (int i = k + 1; i < n; i++)
            {
                var rowI = a.Slice(i * n, n);
                double f = rowI[k] * inv;
                rowI[k] = f;
                if (f == 0) continue;
                Axpy(-f, rowK[(k + 1)..], rowI[(k + 1)..]);
            }
        }
        return true;
    }

    /// <summary>Solves A·x = b in place for a factored A.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivot, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) (b[k], b[p]) = (b[p], b[k]);
        }
        for (int i = 1; i < n; i++)
        {
            var row = lu.Slice(i * n, i);
            double s = b[i];
            for (int k = 0; k < i; k++) s -= row[k] * b[k];
            b[i] = s;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var row = lu.Slice(i * n, n);
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= row[k] * b[k];
            b[i] = s / row[i];
        }
    }

    /// <summary>Solves A·X = B in place for a factored A; B is n×m row-major.</summary>
    public static void SolveMatrix(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivot, Span<double> b, int m)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivot[k];
            if (p != k) SwapRows(b.Slice(k * m, m), b.Slice(p * m, m));
        }
        for (int i = 1; i < n; i++)
        {
            var bi = b.Slice(i * m, m);
            for (int k = 0; k < i; k++)
            {
                double f = lu[i * n + k];
                if (f == 0) continue;
                Axpy(-f, b.Slice(k * m, m), bi);
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var bi = b.Slice(i * m, m);
            for (int k = i + 1; k < n; k++)
            {
                double f = lu[i * n + k];
                if (f == 0) continue;
                Axpy(-f, b.Slice(k * m, m), bi);
            }
            double inv = 1.0 / lu[i * n + i];
            for (int j = 0; j < m; j++) bi[j] *= inv;
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

    /// <summary>C −= A·B for n×n row-major blocks.</summary>
    public static void SubtractProduct(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var ci = c.Slice(i * n, n);
            var ai = a.Slice(i * n, n);
            for (int k = 0; k < n; k++)
            {
                double f = ai[k];
                if (f == 0) continue;
                Axpy(-f, b.Slice(k * n, n), ci);
            }
        }
    }

    /// <summary>y −= A·x for an n×n row-major block.</summary>
    public static void SubtractMatVec(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> y, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var ai = a.Slice(i * n, n);
            double s = 0;
            for (int k = 0; k < n; k++) s += ai[k] * x[k];
            y[i] -= s;
        }
    }
}
