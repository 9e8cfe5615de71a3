namespace LoadTest.Runtime.Analysis;

/// <summary>
/// A fitted Universal Scalability Law: X(N) = λN / (1 + σ(N−1) + κN(N−1)).
/// σ is contention (queueing for a shared resource), κ coherency (crosstalk), λ the throughput of one user.
/// </summary>
public sealed record UslModel(double Sigma, double Kappa, double Lambda, int Points, double RSquared)
{
    /// <summary>Concurrency of peak throughput, √((1−σ)/κ); infinite when κ is 0 (no retrograde region).</summary>
    public double PeakConcurrency => Kappa > 0 ? Math.Sqrt((1 - Sigma) / Kappa) : double.PositiveInfinity;

    public double PeakThroughput => double.IsInfinity(PeakConcurrency) ? Lambda / Math.Max(Sigma, double.Epsilon) : ThroughputAt(PeakConcurrency);

    public double ThroughputAt(double n) => Lambda * n / (1 + Sigma * (n - 1) + Kappa * n * (n - 1));

    public bool IsContentionConstrained => Sigma > Kappa;
}
