using MathNet.Numerics.LinearAlgebra;
using SxCascade.Solvers;

namespace SxCascade.Core.Tests;

/// <summary>
/// The block-tridiagonal solver against a dense LU (MathNet) on random systems, over block sizes
/// that do and do not fill whole SIMD vectors (the factors are kept in padded rows).
/// </summary>
public class LinearAlgebraTests
{
    [Theory]
    [InlineData(1, 1, false)] [InlineData(1, 3, true)] [InlineData(2, 2, true)] [InlineData(3, 4, true)]
    [InlineData(7, 3, false)] [InlineData(7, 3, true)] [InlineData(40, 5, true)] [InlineData(120, 2, true)]
    // blocks whose padded rows take three SIMD vectors, three and one, and two (the mass-action sizes)
    [InlineData(9, 11, true)] [InlineData(5, 13, false)] [InlineData(6, 22, true)] [InlineData(4, 9, true)]
    public void Block_tridiagonal_with_corner_matches_a_dense_solve(int stages, int block, bool corner)
    {
        var rnd = new Random(stages * 100 + block);
        int size = stages * block;
        var dense = Matrix<double>.Build.Dense(size, size);
        var sys = new BlockTridiagonal(stages, block);
        for (int j = 0; j < stages; j++)
        {
            for (int r = 0; r < block; r++)
                for (int c = 0; c < block; c++)
                {
                    double d = rnd.NextDouble() - 0.5 + (r == c ? 4 : 0);
                    sys.Diagonal[(j * block + r) * block + c] = d;
                    dense[j * block + r, j * block + c] = d;
                    if (j > 0)
                    {
                        double l = rnd.NextDouble() - 0.5;
                        sys.Lower[(j * block + r) * block + c] = l;
                        dense[j * block + r, (j - 1) * block + c] = l;
                    }
                }
            if (j < stages - 1)
                for (int r = 0; r < block; r++)
                    for (int c = 0; c < block; c++)
                    {
                        double u = rnd.NextDouble() - 0.5;
                        sys.Upper[(j * block + r) * block + c] = u;
                        dense[j * block + r, (j + 1) * block + c] += u;
                    }
        }
        if (corner)
        {
            sys.HasCorner = true;
            for (int r = 0; r < block; r++)
                for (int c = 0; c < block; c++)
                {
                    double v = rnd.NextDouble() - 0.5;
                    sys.Corner[r * block + c] = v;
                    dense[r, (stages - 1) * block + c] += v;
                }
        }
        var expected = Vector<double>.Build.Dense(size, _ => rnd.NextDouble());
        var rhs = (dense * expected).ToArray();
        Assert.True(sys.Solve(rhs));
        for (int t = 0; t < size; t++) Assert.Equal(expected[t], rhs[t], 12);
    }

    [Fact]
    public void Singular_block_is_reported_not_thrown()
    {
        var sys = new BlockTridiagonal(2, 2);
        Assert.False(sys.Solve(new double[4]));
    }
}
