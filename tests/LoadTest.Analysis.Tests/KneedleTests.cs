using LoadTest.Runtime.Analysis;

namespace LoadTest.Analysis.Tests;

public class KneedleTests
{
    [Fact]
    public void Finds_the_corner_of_a_saturating_piecewise_linear_curve()
    {
        var curve = Enumerable.Range(0, 31).Select(x => ((double)x, Math.Min(x, 10.0) * 40)).ToList();

        Assert.Equal(10, Kneedle.FindKnee(curve));
    }

    [Fact]
    public void Finds_the_knee_of_a_closed_system_throughput_curve_near_its_saturation_point()
    {
        // Throughput of a 20-server system with 50 ms service and some queueing smoothness around saturation.
        var curve = Enumerable.Range(1, 60).Select(n => ((double)n, 400.0 * n / Math.Pow(Math.Pow(n, 4) + Math.Pow(20, 4), 0.25))).ToList();

        var knee = Kneedle.FindKnee(curve)!.Value;

        Assert.InRange(knee, 16, 24);
    }

    [Fact]
    public void Finds_the_elbow_of_a_convex_latency_curve()
    {
        var curve = Enumerable.Range(0, 41).Select(x => ((double)x, x <= 25 ? 50.0 : 50.0 + (x - 25) * 100)).ToList();

        Assert.Equal(25, Kneedle.FindKnee(curve, CurveShape.ConvexIncreasing));
    }

    [Fact]
    public void A_straight_line_or_too_few_points_has_no_knee()
    {
        Assert.Null(Kneedle.FindKnee(Enumerable.Range(0, 20).Select(x => ((double)x, 3.0 * x)).ToList()));
        Assert.Null(Kneedle.FindKnee([(0, 0), (1, 1)]));
    }
}
