using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Distributed.Runner;

/// <summary>
/// The fixed plan the multi-process test runs whole and in segments. Every iteration makes one request to each
/// path, and the server gives each path its own delay, so the latency distribution has three flat plateaus and
/// the percentiles (p(50) in the middle one, p(95) and p(99) in the slowest) do not sit on a cliff.
/// </summary>
public static class DistributedPlan
{
    public const string Name = "distributed";
    public const int Vus = 12;
    public const int IterationsPerVu = 160;

    /// <summary>Paths and the server delay for each, in milliseconds; <see cref="FailingPath"/> answers 500.</summary>
    public static readonly IReadOnlyList<(string Path, int DelayMs)> Paths = [("/fast", 4), ("/failing", 10), ("/slow", 20)];

    public const string FailingPath = "/failing";

    public static long ExpectedRequests => (long)Vus * IterationsPerVu * Paths.Count;

    public static long ExpectedIterations => (long)Vus * IterationsPerVu;

    /// <summary>
    /// Passing and failing thresholds alike, so equal verdicts mean something: a third of the requests fail
    /// (rate 0.33), p(50) is about 10 ms and p(95) about 20 ms.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ThresholdSpec>> Thresholds { get; } =
        new Dictionary<string, IReadOnlyList<ThresholdSpec>>
        {
            ["http_req_duration"] = ["p(95)<2000", "p(50)<3"],
            ["http_req_failed"] = ["rate<0.5", "rate<0.2"],
            ["http_reqs"] = [$"count>={ExpectedRequests}"],
            ["http_req_duration{name:GET /slow}"] = ["p(99)<2000"],
        };

    public static LoadTestPlan Create() =>
        new(Name, [new Scenario("paths", new PerVuIterations(Vus, IterationsPerVu) { MaxDuration = TimeSpan.FromSeconds(40) }, IterateAsync)])
        {
            Thresholds = Thresholds,
        };

    private static async Task IterateAsync(VirtualUser vu, CancellationToken cancellationToken)
    {
        foreach (var (path, _) in Paths)
        {
            await vu.Http.GetAsync(path, "GET " + path, cancellationToken);
        }
    }
}
