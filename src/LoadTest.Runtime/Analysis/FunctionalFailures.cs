using System.Globalization;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>The failed requests of one endpoint over the run, by status and k6 error code, and at the lowest load.</summary>
public sealed record EndpointFailures(string Endpoint, long Requests, long Failed, IReadOnlyList<FailureCount> Codes, long LowLoadRequests, long LowLoadFailed)
{
    public double ErrorRate => Requests > 0 ? (double)Failed / Requests : 0;

    public double LowLoadErrorRate => LowLoadRequests > 0 ? (double)LowLoadFailed / LowLoadRequests : 0;

    /// <summary>"404 ×37, 0 (error 1050) ×3": what the failures were.</summary>
    public string CodesText => Codes.Count == 0
        ? "codes not recorded"
        : string.Join(", ", Codes.OrderByDescending(c => c.Count).Select(FunctionalFailureAnalysis.Describe));
}

/// <summary>
/// Failures that are not capacity: a flow that is broken fails at the lowest load, with client errors (4xx), or with
/// checks that fail on responses the server sent successfully. When they exceed the error SLO the run says so and
/// claims no breaking point: load did not cause them, and the capacity numbers would be about a broken flow.
/// </summary>
public sealed record FunctionalFailureResult(
    bool IsFunctional,
    string? Reason,
    IReadOnlyList<EndpointFailures> Endpoints,
    IReadOnlyList<CheckResult> FailingChecks,
    double ClientErrorShare,
    double UnexplainedCheckFailureShare);

public static class FunctionalFailureAnalysis
{
    /// <summary>The lowest load is the windows within this factor of the smallest load…</summary>
    public const double LowLoadFactor = 1.5;

    /// <summary>…or, if they hold fewer requests, the first windows until this many requests.</summary>
    public const int LowLoadMinRequests = 20;

    /// <summary>An endpoint failing at least this many times at the lowest load is broken there, not saturated.</summary>
    public const int LowLoadMinFailures = 3;

    public static FunctionalFailureResult Analyse(RunTimeSeries? series, RunSummary? summary, SloLimits slo, LoadModel model)
    {
        var checks = summary?.Checks.Where(c => c.Fails > 0).OrderByDescending(c => c.Fails).ThenBy(c => c.Name, StringComparer.Ordinal).ToList() ?? [];
        var endpoints = series is null ? [] : Endpoints(series, model);
        long requests = series?.Windows.Sum(w => w.Series.Sum(s => s.Requests)) ?? (long)(summary?.Value("http_reqs", "count") ?? 0);
        long failed = series?.Windows.Sum(w => w.Series.Sum(s => s.Failed)) ?? 0;
        var clientErrors = endpoints.Sum(e => e.Codes.Where(c => IsClientError(c.Status)).Sum(c => c.Count));
        var clientShare = requests > 0 ? (double)clientErrors / requests : 0;
        var checkTotal = summary?.Checks.Sum(c => c.Passes + c.Fails) ?? 0;
        var checkFails = summary?.Checks.Sum(c => c.Fails) ?? 0;
        // A failed request usually fails its check too; checks failing beyond that judged responses the server sent fine.
        var unexplained = checkTotal > 0 ? Math.Max(0, checkFails - failed) / (double)checkTotal : 0;

        string? reason = null;
        var brokenAtLowLoad = endpoints.Where(e => e.LowLoadFailed >= LowLoadMinFailures && e.LowLoadErrorRate > slo.ErrorRate).ToList();
        if (brokenAtLowLoad.Count > 0)
        {
            var e = brokenAtLowLoad.MaxBy(x => x.LowLoadErrorRate)!;
            reason = Inv($"{e.Endpoint} failed {e.LowLoadErrorRate:0.#%} of its requests at the lowest load ({e.LowLoadFailed} of {e.LowLoadRequests}: {e.CodesText}) — before load could cause it");
        }
        else if (clientShare > slo.ErrorRate)
        {
            reason = Inv($"{clientShare:0.#%} of all requests got client errors (4xx other than 408/429), which load does not cause");
        }
        else if (unexplained > slo.ErrorRate)
        {
            reason = Inv($"{unexplained:0.#%} of checks failed on responses that did not fail as requests (wrong status within 2xx/3xx or content)");
        }
        return new FunctionalFailureResult(reason is not null, reason, endpoints, checks, clientShare, unexplained);
    }

    /// <summary>4xx except 408 (request timeout) and 429 (too many requests), which are how servers shed load.</summary>
    public static bool IsClientError(int status) => status is >= 400 and < 500 and not 408 and not 429;

    public static string Describe(FailureCount c)
    {
        var what = c.Status == 0 ? "no response" : c.Status.ToString(CultureInfo.InvariantCulture);
        // An HTTP status already says what 14xx/15xx mean; network codes get k6's meaning (1050 request timeout).
        var meaning = c.ErrorCode is >= 1400 and < 1600 ? "" : " " + Http.HttpErrorClassifier.Describe(c.ErrorCode);
        return c.ErrorCode != 0 ? Inv($"{what} (error {c.ErrorCode}{meaning}) ×{c.Count}") : Inv($"{what} ×{c.Count}");
    }

    private static List<EndpointFailures> Endpoints(RunTimeSeries series, LoadModel model)
    {
        var low = LowLoadWindows(series, model);
        return series.Windows.SelectMany(w => w.Series)
            .GroupBy(s => (s.Name, s.Method))
            .Select(g =>
            {
                var codes = g.SelectMany(s => s.Failures).GroupBy(f => (f.Status, f.ErrorCode))
                    .Select(f => new FailureCount(f.Key.Status, f.Key.ErrorCode, f.Sum(x => x.Count)))
                    .OrderByDescending(f => f.Count).ToList();
                var lowSeries = low.SelectMany(w => w.Series).Where(s => s.Name == g.Key.Name && s.Method == g.Key.Method).ToList();
                return new EndpointFailures(EndpointName.Of(g.Key.Name, g.Key.Method), g.Sum(s => s.Requests), g.Sum(s => s.Failed), codes,
                    lowSeries.Sum(s => s.Requests), lowSeries.Sum(s => s.Failed));
            })
            .Where(e => e.Failed > 0)
            .OrderByDescending(e => e.Failed)
            .ThenBy(e => e.Endpoint, StringComparer.Ordinal)
            .ToList();
    }

    // The windows at the run's smallest load (VUs, or iterations offered per second in an open model), topped up in
    // time order until they hold enough requests to judge.
    private static List<TimeWindow> LowLoadWindows(RunTimeSeries series, LoadModel model)
    {
        double Load(TimeWindow w) => model == LoadModel.Open ? w.Iterations + w.DroppedIterations : w.Vus;
        var busy = series.Windows.Where(w => w.Series.Sum(s => s.Requests) > 0 && Load(w) > 0).ToList();
        if (busy.Count == 0) return [];
        var least = busy.Min(Load);
        var result = new List<TimeWindow>();
        long requests = 0;
        foreach (var w in busy)
        {
            if (Load(w) > LowLoadFactor * least && requests >= LowLoadMinRequests) break;
            result.Add(w);
            requests += w.Series.Sum(s => s.Requests);
        }
        return result;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
