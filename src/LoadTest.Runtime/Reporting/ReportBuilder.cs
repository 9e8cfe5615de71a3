using System.Globalization;
using System.Reflection;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Reporting;

/// <summary>Options for <see cref="ReportBuilder"/>, already loaded (no paths to read here).</summary>
public sealed record ReportInputs(SloLimits Slo, CapacityPlanInput? PlanInput, PriceCatalog? Catalog, string? FlowScriptImport)
{
    public RunFacts? Facts { get; init; }

    /// <summary>Prometheus scrapes of the API before and after the run (first and last are compared).</summary>
    public IReadOnlyList<PrometheusScrape> Scrapes { get; init; } = [];
}

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
        var model = series is { Windows.Count: > 0 } ? LoadModelDetector.Of(series) : LoadModel.Closed;
        IReadOnlyList<StageRow> stages = [];
        IReadOnlyList<LoadStep> steps = [];
        IReadOnlyList<EndpointRow> endpoints = [];
        IReadOnlyList<LoadPoint> levels = [];
        IReadOnlyList<TimelinePoint> timeline = [];
        IReadOnlyList<EndpointTimeline> endpointTimelines = [];
        BreakingPointResult? breaking = null;
        BottleneckResult? bottleneck = null;
        CapacityResult? capacity = null;
        var functional = FunctionalFailureAnalysis.Analyse(series, results.Summary, slo, model);
        var topology = inputs.PlanInput is { } planInput0 ? DemandTopology(planInput0) : null;

        if (series is { Windows.Count: > 0 })
        {
            stages = StageTable.Build(series);
            endpoints = EndpointRanking.AtPeak(series);
            timeline = Timeline.Build(series);
            endpointTimelines = Timeline.PerEndpoint(series);
            if (model == LoadModel.Open)
            {
                steps = LoadSteps.Build(series);
                // The bottleneck and the chart read load levels: in an open model they are the steps (VUs in use).
                levels = steps.Where(s => s.Kind != StageKind.RampDown && s.Requests > 0)
                    .Select(s => new LoadPoint(s.MeanVus, s.Rps, s.P50Ms, s.P95Ms, s.P99Ms, s.ErrorRate, s.Requests, s.Seconds, s.Trusted, series.Start.AddSeconds(s.StartSecond)) { IterationsPerSecond = s.AchievedRate })
                    .ToList();
                if (!series.Stages.Any(s => s.TargetRate is not null))
                {
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.OfferedRateEstimated, DiagnosticSeverity.Info, results.Source, null,
                        "Open-model run without its schedule (k6 output carries none): the offered rate of each step is estimated as iterations achieved + dropped.",
                        "Run on the LoadTest engine (its time series records the arrival-rate stages) for the exact offered rate."));
                }
            }
            else
            {
                // Capacity is the flow's throughput: each new VU's sign-up and login are not repeated and would read as capacity.
                levels = LoadPoints.Build(CapacityAnalysis.FlowOnly(series, model));
            }
            var requestsPerIteration = CapacityAnalysis.RequestsPerIteration(series, model);
            if (functional.IsFunctional)
            {
                diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.FunctionalFailure, DiagnosticSeverity.Warning, results.Source, null,
                    $"Functional failure, not capacity: {functional.Reason}. No breaking point or capacity is claimed.",
                    "Fix the failing step (see the failures by endpoint and the failing checks in the report), then run the load test again."));
            }
            else if (levels.Count > 0)
            {
                breaking = model == LoadModel.Open ? OpenModelBreakingPoint.Analyse(steps, slo) : BreakingPointAnalysis.Analyse(levels, stages, slo);
                capacity = model == LoadModel.Open
                    ? CapacityAnalysis.Open(steps, breaking, slo, requestsPerIteration)
                    : CapacityAnalysis.Closed(levels, breaking, slo, requestsPerIteration);
                bottleneck = BottleneckAnalysis.Analyse(series, levels, breaking, capacity.Headline, slo, topology, MeasuredQueries(inputs.Scrapes, topology, series, results.Source, diagnostics));
                if (breaking.UntrustedLevels > 0)
                {
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.GeneratorSaturated, DiagnosticSeverity.Warning, results.Source, null,
                        Inv($"The load generator limited {breaking.UntrustedLevels} load level(s) (dropped iterations while the API was still fast, or CPU > 90%); they are marked untrustworthy and not blamed on the API."),
                        "Give the generator more CPU, more preAllocatedVUs/maxVUs, or split the load over several machines (k6 --execution-segment)."));
                }
                if (breaking.Usl is null)
                {
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.TooFewPointsForUsl, DiagnosticSeverity.Info, results.Source, null,
                        Inv($"The Universal Scalability Law was not fitted: fewer than {UslFitter.MinimumPoints} trusted load levels."),
                        "Ramp through more load levels (longer stages) to get a scalability model."));
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
        if (inputs.PlanInput is { } planInput && capacity?.Headline is { } headline && overview is not null)
        {
            var catalog = inputs.Catalog ?? PriceCatalog.LoadDefault();
            var measured = Measure(overview, headline, bottleneck, endpoints, planInput);
            var (p, planDiagnostics) = CapacityPlanner.Plan(planInput, measured, catalog);
            plan = p;
            diagnostics.AddRange(planDiagnostics);
            var shape = Shape(levels, capacity.RequestsPerIteration, inputs.Facts?.TimeScale ?? 1, results.Summary, series);
            verification = VerificationPlanner.Build(planInput, plan, shape, inputs.FlowScriptImport);
            if (inputs.FlowScriptImport is null)
            {
                diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.NoFlowScript, DiagnosticSeverity.Info, results.Source, null,
                    "No generated flow script was given, so verification.k6.js was not written (a script without the flow would verify nothing); verification-profile.json holds the rates.",
                    "Pass FlowScriptPath (the generated load-tests/<flow>.js) to ReportGenerator, or run through the generated tests, which pass it."));
            }
        }
        else if (inputs.PlanInput is not null && !functional.IsFunctional)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.NoTimeSeries, DiagnosticSeverity.Warning, results.Source, null,
                "No capacity plan: the plan sizes on the headline capacity, and without a time series (or any trusted load level) there is none.",
                "Keep timeseries.ndjson, or run k6 with --out json=results.ndjson beside the summary."));
        }
        else if (inputs.PlanInput is not null && functional.IsFunctional)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.FunctionalFailure, DiagnosticSeverity.Info, results.Source, null,
                "No capacity plan: the run measured a broken flow, not a capacity.", "Fix the failing step and run again; the plan follows a run that breaks under load."));
        }

        var facts = Facts(inputs.Facts, series, overview, model);
        var verdict = RunVerdicts.From(overview, capacity, functional, bottleneck, results.Summary?.AbortReason);
        return new ReportModel(results.Source, results.Formats, slo, overview, stages, endpoints, levels, breaking, bottleneck,
            plan, verification, timeline, endpointTimelines, diagnostics)
        {
            AbortReason = results.Summary?.AbortReason,
            ErrorCodes = ErrorCodeTable.From(results),
            Verdict = verdict,
            Facts = facts,
            Model = model,
            Capacity = capacity,
            Steps = steps,
            Failures = functional,
        };
    }

    /// <summary>The LoadTest.Sdk version that writes the report (the runtime assembly's informational version, without the commit).</summary>
    public static string Version { get; } =
        (typeof(ReportBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown").Split('+')[0];

    private static RunFacts Facts(RunFacts? given, RunTimeSeries? series, RunOverview? overview, LoadModel model)
    {
        var facts = given ?? new RunFacts();
        return facts with
        {
            Target = RunFacts.SafeTarget(facts.Target),
            Start = facts.Start ?? (series is { Windows.Count: > 0 } ? series.Start : null),
            DurationSeconds = facts.DurationSeconds ?? overview?.DurationSeconds,
            Model = facts.Model ?? (series is { Windows.Count: > 0 } ? model : null),
            Version = facts.Version ?? Version,
        };
    }

    private static MeasuredQueries? MeasuredQueries(IReadOnlyList<PrometheusScrape> scrapes, Topology? topology, RunTimeSeries series, string source, List<AnalysisDiagnostic> diagnostics)
    {
        if (scrapes.Count == 0 || topology?.Database is not { } db) return null;
        if (scrapes.Count == 1)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.ScrapeMetricMissing, DiagnosticSeverity.Warning, scrapes[0].Source, null,
                "One Prometheus scrape was given; the queries a run caused are the difference of two, so the pool's demand comes from the topology instead.",
                "Scrape the API's /metrics before and after the run and pass both files."));
            return null;
        }
        var requests = series.Windows.Sum(w => w.Series.Sum(s => s.Requests));
        var (measured, problem) = ResourceDemand.FromScrapes(scrapes[0], scrapes[^1], db.QueriesMetric, requests);
        if (problem is not null)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.ScrapeMetricMissing, DiagnosticSeverity.Warning, scrapes[^1].Source, null,
                $"The pool's demand could not be measured from the scrapes: {problem}; it comes from the topology's queries_per_request instead.",
                "Name the API's queries counter in the topology (database.queries_metric), and scrape before and after the run."));
        }
        return measured;
    }

    // The pool's demand is a property of the application: queries per endpoint may be written under either topology.
    private static Topology DemandTopology(CapacityPlanInput input)
    {
        var tested = input.TestedTopology;
        if (tested.Database is { } db && input.Current.Database is { } current)
        {
            tested = tested with
            {
                Database = db with
                {
                    QueriesPerRequest = db.QueriesPerRequest ?? current.QueriesPerRequest,
                    ConnectionHoldMs = db.ConnectionHoldMs ?? current.ConnectionHoldMs,
                },
            };
        }
        return tested;
    }

    private static MeasuredCapacity Measure(RunOverview overview, CapacityHeadline headline, BottleneckResult? bottleneck, IReadOnlyList<EndpointRow> endpoints, CapacityPlanInput input)
    {
        var readShare = input.ReadHeavyEndpoints is { Count: > 0 } reads
            ? endpoints.Where(e => reads.Any(r => ResourceDemand.QueriesOf(new Dictionary<string, double> { [r] = 1 }, e.Display) is not null || string.Equals(r, e.Name, StringComparison.OrdinalIgnoreCase))).Sum(e => e.Share)
            : endpoints.Where(e => string.Equals(e.Method, "GET", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Share);
        return new MeasuredCapacity(headline.Rps, bottleneck?.ServiceTimeMs ?? overview.P50Ms, bottleneck?.LikelyLimit, readShare, overview.MaxVus)
        {
            ConnectionMsPerRequest = bottleneck?.PoolDemand?.MsPerRequest,
            ConnectionBasis = bottleneck?.PoolDemand is { } d ? Inv($"{d.Basis}; {d.HoldMsPerQuery:0.#} ms per query") : null,
            LowerBound = headline.LowerBound,
        };
    }

    /// <summary>
    /// How one iteration behaves: requests × the low-load p50 waiting for responses, and the rest of an iteration think
    /// time — divided by the run's time scale to give it in real time. Think time does not change with load, so it is
    /// the mean iteration_duration less the mean time its requests took (from the summary); without a summary, Little's
    /// law at the lowest load level (VUs / iterations per second) less the responses.
    /// </summary>
    private static IterationShape Shape(IReadOnlyList<LoadPoint> levels, double? requestsPerIteration, double timeScale, RunSummary? summary, RunTimeSeries? series)
    {
        var rpi = requestsPerIteration ?? 1;
        var scale = timeScale > 0 ? timeScale : 1;
        var low = levels.Where(l => l.Trusted && l.IterationsPerSecond > 0 && l.Vus > 0).OrderBy(l => l.Vus)
            .FirstOrDefault(l => l.Requests >= EvidenceRules.MinRequestsForPercentiles)
            ?? levels.Where(l => l.Trusted && l.IterationsPerSecond > 0 && l.Vus > 0).MinBy(l => l.Vus);
        var responses = low is null ? 0 : rpi * low.P50Ms / 1000.0;
        if (summary?.Value("iteration_duration", "avg") is { } iterationMs && summary.Value("http_req_duration", "avg") is { } requestMs && series is { Windows.Count: > 0 })
        {
            // Every request of the run, sign-ins included, over every iteration: the same population as the averages.
            var iterations = series.Windows.Sum(w => w.Iterations);
            var requests = series.Windows.Sum(w => w.Series.Sum(x => x.Requests));
            if (iterations > 0)
            {
                var thinkMs = Math.Max(0, iterationMs - (double)requests / iterations * requestMs);
                return new IterationShape(rpi, responses, thinkMs / 1000.0 / scale);
            }
        }
        if (low is null) return new IterationShape(rpi, 0, 0);
        var iteration = low.Vus / low.IterationsPerSecond;
        return new IterationShape(rpi, responses, Math.Max(0, iteration - responses) / scale);
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
