using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// Everything one run needs: the scenarios (run together, each from its own startTime) and the thresholds,
/// keyed by metric or sub-metric as in k6, e.g. <c>http_req_duration{name:POST /api/orders}</c>.
/// </summary>
public sealed record LoadTestPlan(string Name, IReadOnlyList<Scenario> Scenarios)
{
    public IReadOnlyDictionary<string, IReadOnlyList<ThresholdSpec>> Thresholds { get; init; } =
        new Dictionary<string, IReadOnlyList<ThresholdSpec>>();

    /// <summary>The load profile the plan was built from (smoke, load, stress…): heavy ones are held to a host allow-list.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// Environment variables the plan cannot run without (an authenticated flow's credentials, e.g. LOADTEST_USERNAME):
    /// the session refuses to start when one is unset (LT4119) instead of sending empty credentials.
    /// </summary>
    public IReadOnlyList<string> RequiredVariables { get; init; } = [];

    /// <summary>Warnings from building the plan (e.g. a profile override with no effect): the session prints them.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The trend statistics written to the summary (k6 <c>summaryTrendStats</c>).</summary>
    public IReadOnlyList<string> SummaryTrendStats { get; init; } = ["avg", "min", "med", "max", "p(90)", "p(95)", "p(99)"];
}
