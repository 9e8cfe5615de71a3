namespace LoadTest.Runtime.Analysis;

/// <summary>
/// Fits the USL to (concurrency, throughput) points by non-linear least squares (Levenberg–Marquardt with the
/// analytic Jacobian, projected onto 0 ≤ σ,κ ≤ 1, λ ≥ 0), from several starting points, keeping the best.
/// </summary>
public static class UslFitter
{
    public const int MinimumPoints = 6;
    private const int MaxIterations = 500;

    /// <summary>Returns null when there are fewer than <see cref="MinimumPoints"/> usable points.</summary>
    public static UslModel? Fit(IReadOnlyList<(double N, double X)> points)
    {
        var data = points.Where(p => p.N > 0 && p.X > 0 && double.IsFinite(p.N) && double.IsFinite(p.X)).ToArray();
        if (data.Length < MinimumPoints) return null;

        // λ starts at the best per-user throughput seen at low concurrency, a good estimate of X(1).
        var lambda0 = data.OrderBy(p => p.N).Take(3).Max(p => p.X / p.N);
        double[] sigmaStarts = [0.0, 0.02, 0.1, 0.4];
        double[] kappaStarts = [0.0, 1e-5, 1e-3, 1e-2];
        double[]? best = null;
        var bestSse = double.PositiveInfinity;
        foreach (var s in sigmaStarts)
        {
            foreach (var k in kappaStarts)
            {
                var p = LevenbergMarquardt(data, [s, k, lambda0]);
                var sse = Sse(data, p);
                if (sse < bestSse)
                {
                    bestSse = sse;
                    best = p;
                }
            }
        }
        var mean = data.Average(p => p.X);
        var sst = data.Sum(p => (p.X - mean) * (p.X - mean));
        return new UslModel(best![0], best[1], best[2], data.Length, sst > 0 ? 1 - bestSse / sst : 1);
    }

    private static double Model(double n, double[] p) => p[2] * n / (1 + p[0] * (n - 1) + p[1] * n * (n - 1));

    private static double Sse(IReadOnlyList<(double N, double X)> data, double[] p)
    {
        var sse = 0.0;
        foreach (var (n, x) in data)
        {
            var r = x - Model(n, p);
            sse += r * r;
        }
        return sse;
    }

    private static double[] LevenbergMarquardt((double N, double X)[] data, double[] start)
    {
        var p = Project(start);
        var mu = 1e-3;
        var sse = Sse(data, p);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            // Normal equations JᵀJ δ = Jᵀr with the analytic partial derivatives of X(N).
            var jtj = new double[3, 3];
            var jtr = new double[3];
            foreach (var (n, x) in data)
            {
                var d = 1 + p[0] * (n - 1) + p[1] * n * (n - 1);
                double[] j = [-p[2] * n * (n - 1) / (d * d), -p[2] * n * n * (n - 1) / (d * d), n / d];
                var r = x - p[2] * n / d;
                for (var a = 0; a < 3; a++)
                {
                    jtr[a] += j[a] * r;
                    for (var b = 0; b < 3; b++) jtj[a, b] += j[a] * j[b];
                }
            }
            var improved = false;
            while (mu < 1e12)
            {
                var m = (double[,])jtj.Clone();
                for (var a = 0; a < 3; a++) m[a, a] += mu * Math.Max(jtj[a, a], 1e-12);
                var step = Solve3(m, jtr);
                if (step is null)
                {
                    mu *= 10;
                    continue;
                }
                var candidate = Project([p[0] + step[0], p[1] + step[1], p[2] + step[2]]);
                var candidateSse = Sse(data, candidate);
                if (candidateSse < sse)
                {
                    var converged = Math.Abs(sse - candidateSse) <= 1e-15 * Math.Max(sse, 1e-300) + 1e-300;
                    p = candidate;
                    sse = candidateSse;
                    mu = Math.Max(mu / 10, 1e-15);
                    improved = !converged;
                    break;
                }
                mu *= 10;
            }
            if (!improved) break;
        }
        return p;
    }

    private static double[] Project(double[] p) => [Math.Clamp(p[0], 0, 1), Math.Clamp(p[1], 0, 1), Math.Max(p[2], 0)];

    // Gaussian elimination with partial pivoting; null when singular.
    private static double[]? Solve3(double[,] a, double[] b)
    {
        var m = new double[3, 4];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) m[i, j] = a[i, j];
            m[i, 3] = b[i];
        }
        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < 3; row++) if (Math.Abs(m[row, col]) > Math.Abs(m[pivot, col])) pivot = row;
            if (Math.Abs(m[pivot, col]) < 1e-300) return null;
            for (var j = 0; j < 4; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            for (var row = 0; row < 3; row++)
            {
                if (row == col) continue;
                var f = m[row, col] / m[col, col];
                for (var j = col; j < 4; j++) m[row, j] -= f * m[col, j];
            }
        }
        return [m[0, 3] / m[0, 0], m[1, 3] / m[1, 1], m[2, 3] / m[2, 2]];
    }
}
