using LoadTest.Runtime.Analysis;

namespace LoadTest.Analysis.Tests;

public class UslFitterTests
{
    // Cisco benchmark from Baron Schwartz, "Practical Scalability Analysis with the Universal Scalability Law",
    // the data set usl4j's ModelTest and the R usl package use; the book lists the fitted values asserted below.
    private static readonly (double N, double X)[] Cisco =
    [
        (1, 955.16), (2, 1878.91), (3, 2688.01), (4, 3548.68), (5, 4315.54), (6, 5130.43), (7, 5931.37), (8, 6531.08),
        (9, 7219.8), (10, 7867.61), (11, 8278.71), (12, 8646.7), (13, 9047.84), (14, 9426.55), (15, 9645.37), (16, 9897.24),
        (17, 10097.6), (18, 10240.5), (19, 10532.39), (20, 10798.52), (21, 11151.43), (22, 11518.63), (23, 11806), (24, 12089.37),
        (25, 12075.41), (26, 12177.29), (27, 12211.41), (28, 12158.93), (29, 12155.27), (30, 12118.04), (31, 12140.4), (32, 12074.39),
    ];

    [Fact]
    public void Fit_reproduces_the_book_values_for_the_Cisco_data_set()
    {
        var model = UslFitter.Fit(Cisco)!;

        AssertClose(0.02671591, model.Sigma, 0.0002);
        AssertClose(7.690945e-4, model.Kappa, 0.0002);
        AssertClose(995.6486, model.Lambda, 0.0002);
        // The book's N_max is the whole number of users below the continuous peak √((1−σ)/κ) ≈ 35.6.
        Assert.Equal(35, Math.Floor(model.PeakConcurrency));
        AssertClose(12341, model.PeakThroughput, 0.0002);
        AssertClose(12341.7456, model.ThroughputAt(35), 0.0002);
        Assert.True(model.IsContentionConstrained);
        Assert.Equal(32, model.Points);
    }

    [Fact]
    public void Fit_recovers_known_parameters_from_exact_model_data()
    {
        var truth = new UslModel(0.05, 0.002, 120, 0, 1);
        var points = Enumerable.Range(1, 40).Select(n => ((double)n, truth.ThroughputAt(n))).ToList();

        var model = UslFitter.Fit(points)!;

        AssertClose(0.05, model.Sigma, 1e-4);
        AssertClose(0.002, model.Kappa, 1e-4);
        AssertClose(120, model.Lambda, 1e-4);
        Assert.True(model.RSquared > 0.9999);
    }

    [Fact]
    public void Fit_keeps_parameters_within_bounds_for_superlinear_data()
    {
        // Throughput growing faster than linearly would need σ < 0; the fit must clamp at 0, not go negative.
        var points = Enumerable.Range(1, 10).Select(n => ((double)n, 10.0 * n * (1 + 0.02 * n))).ToList();

        var model = UslFitter.Fit(points)!;

        Assert.InRange(model.Sigma, 0, 1);
        Assert.InRange(model.Kappa, 0, 1);
        Assert.True(model.Lambda >= 0);
    }

    [Fact]
    public void Fit_needs_at_least_six_points()
    {
        Assert.Null(UslFitter.Fit(Cisco.Take(5).ToList()));
        Assert.NotNull(UslFitter.Fit(Cisco.Take(6).ToList()));
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * relative, $"expected {expected} ± {relative:P3}, got {actual}");
}
