namespace LoadTest.Runtime.Analysis;

public enum CurveShape
{
    /// <summary>Rises then flattens (throughput against concurrency).</summary>
    ConcaveIncreasing,

    /// <summary>Flat then rises steeply (latency against load).</summary>
    ConvexIncreasing,
}

/// <summary>
/// Kneedle (Satopää, Albrecht, Irwin, Raghavan 2011): normalise the curve to the unit square, take the
/// difference from the diagonal, and call the first local maximum of that difference a knee once the
/// difference falls below its threshold (sensitivity S) before the next maximum. Offline form: all points known.
/// </summary>
public static class Kneedle
{
    /// <summary>The knee's x, or null when the curve has no knee (fewer than 3 points, or a straight line).</summary>
    public static double? FindKnee(IReadOnlyList<(double X, double Y)> curve, CurveShape shape = CurveShape.ConcaveIncreasing, double sensitivity = 1.0)
    {
        var points = curve.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
        if (points.Length < 3) return null;
        double xMin = points[0].X, xMax = points[^1].X;
        double yMin = points.Min(p => p.Y), yMax = points.Max(p => p.Y);
        if (xMax <= xMin || yMax <= yMin) return null;

        var n = points.Length;
        var xs = new double[n];
        var diff = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = (points[i].X - xMin) / (xMax - xMin);
            var y = (points[i].Y - yMin) / (yMax - yMin);
            // Concave: distance above the diagonal; convex: below it.
            diff[i] = shape == CurveShape.ConcaveIncreasing ? y - xs[i] : xs[i] - y;
        }

        // Threshold drop: S times the mean x spacing in the normalised square.
        var step = sensitivity * (xs[^1] - xs[0]) / (n - 1);
        int? candidate = null;
        var threshold = double.NegativeInfinity;
        for (var i = 1; i < n; i++)
        {
            var isLocalMax = i < n - 1 && diff[i] >= diff[i - 1] && diff[i] >= diff[i + 1] && diff[i] > 0;
            if (isLocalMax && (candidate is null || diff[i] > diff[candidate.Value]))
            {
                candidate = i;
                threshold = diff[i] - step;
            }
            else if (candidate is { } c && diff[i] < threshold)
            {
                return points[c].X;
            }
        }
        // The data ended before the difference fell by the threshold: keep a clear maximum anyway.
        return candidate is { } only && diff[only] > 0.1 ? points[only].X : null;
    }
}
