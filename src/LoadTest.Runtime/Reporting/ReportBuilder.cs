using System.Globalization;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Reporting;

/// <summary>Options for <see cref="ReportBuilder"/>, already loaded (no paths to read here).</summary>
public sealed record ReportInputs(SloLimits Slo, CapacityPlanInput? PlanInput, PriceCatalog? Catalog, string? FlowScriptImport);

/// <summary>Runs every analysis over loaded results. Pure: records in, the report model out.</summary>
public static class ReportBuilder
{
    public static ReportModel Build(LoadedResults results, SloLimits slo) => Build(results, new ReportInputs(slo, null, null, null));

    public static ReportModel Build(LoadedResults results, ReportInputs inputs)
    {
        var slo = inputs.Slo;
        var diagnostics = new List<AnalysisDiagnostic>(results.Diagnostics);
        var overview = RunOverview.From(results.Summary, results.TimeSeries);
        var series = results.TimeSeries;
        IReadOnlyList<StageRow> stages = [];
        IReadOnlyList<EndpointRow> endpoints = [];
        IReadOnlyList<LoadPoint> levels = [];
        IReadOnlyList<TimelinePoint> timeline = [];
        IReadOnlyList<EndpointTimeline> endpointTimelines = [];
        BreakingPointResult? breaking = null;
        BottleneckResult? bottleneck = null;

        if (series is { Windows.Count: > 0 })
        {
            stages = StageTable.Build(series);
            endpoints = EndpointRanking.AtPeak(series);
            levels = LoadPoints.Build(series);
            timeline = Timeline.Build(series);
            endpointTimelines = Timeline.PerEndpoint(series);
            if (levels.Count > 0)
            {
                breaking = BreakingPointAnalysis.Analyse(levels, stages, slo);
                bottleneck = BottleneckAnalysis.Analyse(series, levels, breaking, slo, inputs.PlanInput?.TestedTopology);
                if (breaking.UntrustedLevels > 0)
                {
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.GeneratorSaturated, DiagnosticSeverity.Warning, results.Source, null,
                        Inv($"The load generator was saturated in {breaking.UntrustedLevels} load level(s) (dropped iterations or CPU > 90%); they are marked untrustworthy and not blamed on the API."),
                        "Give the generator more CPU, more preAllocatedVUs/maxVUs, or split the load over several machines (k6 --execution-segment)."));
                }
                if (breaking.Usl is null)
                {
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.TooFewPointsForUsl, DiagnosticSeverity.Info, results.Source, null,
                        Inv($"The Universal Scalability Law was not fitted: fewer than {UslFitter.MinimumPoints} trusted load levels."),
                        "Ramp through more VU levels (e.g. ramping-vus with longer stages) to get a scalability model."));
                }
            }
            CheckAborted(series, results.Source, diagnostics);
        }
        if (GeneratorHealth.Queueing(results.Summary) is { } queueing)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.GeneratorQueueing, DiagnosticSeverity.Warning, results.Source, null,
                Inv($"Requests waited in the load generator before they were sent: http_req_blocked p(95) = {queueing.BlockedP95:0.#} ms against http_req_duration p(95) = {queueing.DurationP95:0.#} ms. That wait is not in http_req_duration (as in k6), so VUs saw more latency than the API numbers show, and the API saw less concurrency than the VUs."),
                "Raise LOADTEST_MAX_CONNECTIONS_PER_HOST (0 = one connection per busy VU, as k6), or check DNS and connect times (http_req_connecting)."));
        }
        if (overview is { Requests: 0 })
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.NoRequests, DiagnosticSeverity.Warning, results.Source, null,
                "The results hold no HTTP requests, so there is nothing to analyse.", "Check BASE_URL and that the scenario sends requests."));
        }

        CapacityPlan? plan = null;
        VerificationProfile? verification = null;
        if (inputs.PlanInput is { } planInput && overview is not null)
        {
            var catalog = inputs.Catalog ?? PriceCatalog.LoadDefault();
            var measured = Measure(overview, breaking, bottleneck, endpoints, planInput);
            var (p, planDiagnostics) = CapacityPlanner.Plan(planInput, measured, catalog);
            plan = p;
            diagnostics.AddRange(planDiagnostics);
            var (vusPerRps, requestsPerIteration) = LoadShape(series, levels, breaking, overview);
            verification = VerificationPlanner.Build(planInput, plan, vusPerRps, requestsPerIteration, inputs.FlowScriptImport);
        }

        return new ReportModel(results.Source, results.Formats, slo, overview, stages, endpoints, levels, breaking, bottleneck,
            plan, verification, timeline, endpointTimelines, diagnostics)
        {
            AbortReason = results.Summary?.AbortReason,
            ErrorCodes = ErrorCodeTable.From(results),
        };
    }

    private static MeasuredCapacity Measure(RunOverview overview, BreakingPointResult? breaking, BottleneckResult? bottleneck, IReadOnlyList<EndpointRow> endpoints, CapacityPlanInput input)
    {
        var sustainable = breaking?.First?.Rps ?? (breaking?.MaxTrustedRps is > 0 ? breaking.MaxTrustedRps : overview.Rps);
        var readShare = input.ReadHeavyEndpoints is { Count: > 0 } reads
            ? endpoints.Where(e => reads.Any(r => string.Equals(r, e.Display, StringComparison.OrdinalIgnoreCase) || string.Equals(r, e.Name, StringComparison.OrdinalIgnoreCase))).Sum(e => e.Share)
            : endpoints.Where(e => string.Equals(e.Method, "GET", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Share);
        return new MeasuredCapacity(sustainable, bottleneck?.ServiceTimeMs ?? overview.P50Ms, bottleneck?.LikelyLimit, readShare, overview.MaxVus);
    }

    // VUs per RPS at the last healthy level, and requests per iteration, for sizing the verification VUs.
    private static (double VusPerRps, double RequestsPerIteration) LoadShape(RunTimeSeries? series, IReadOnlyList<LoadPoint> levels, BreakingPointResult? breaking, RunOverview overview)
    {
        var limit = breaking?.First?.Vus ?? double.MaxValue;
        var healthy = levels.Where(l => l.Trusted && l.Vus <= limit && l.Rps > 0).OrderBy(l => l.Vus).LastOrDefault();
        var vusPerRps = healthy is not null ? healthy.Vus / healthy.Rps : overview.Rps > 0 ? overview.MaxVus / overview.Rps : 1;
        var iterations = series?.Windows.Sum(w => w.Iterations) ?? 0;
        var requests = series?.Windows.Sum(w => w.Series.Sum(s => s.Requests)) ?? 0;
        return (vusPerRps, iterations > 0 && requests > 0 ? (double)requests / iterations : 1);
    }

    private static void CheckAborted(RunTimeSeries series, string source, List<AnalysisDiagnostic> diagnostics)
    {
        if (series.Stages.Count == 0) return;
        var plannedEnd = series.Stages.Max(s => s.End);
        var last = series.Windows[^1];
        var actualEnd = last.Start.AddSeconds(last.Seconds);
        if (actualEnd < plannedEnd.AddSeconds(-2))
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.RunLooksAborted, DiagnosticSeverity.Warning, source, null,
                Inv($"The run ended {(plannedEnd - actualEnd).TotalSeconds:0} s before its planned stages did (aborted by a threshold, cancelled or crashed); the report covers what ran."),
                "Look at the thresholds with abortOnFail and at the test log; re-run for the full profile."));
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
