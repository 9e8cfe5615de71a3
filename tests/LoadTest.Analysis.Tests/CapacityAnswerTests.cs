using System.Globalization;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>One capacity answer: a headline the other estimates agree with, a bottleneck with evidence, a plan that fixes it.</summary>
public class CapacityAnswerTests
{
    private static readonly Topology ShopTopology = new()
    {
        Pods = 1,
        Database = new DatabaseTopology
        {
            PoolSizePerPod = 20,
            MaxConnections = 100,
            ConnectionHoldMs = 50,
            QueriesPerRequest = new Dictionary<string, double> { ["POST /api/cart/add"] = 1, ["POST /api/orders/create"] = 2, ["GET /api/orders/{id}"] = 1 },
        },
    };

    [Fact]
    public void The_closed_model_headline_is_the_plateau_and_every_estimate_agrees_or_says_why()
    {
        var run = SyntheticRuns.PoolServer(servers: 20, serviceMs: 50, seconds: 150, SyntheticRuns.Ramp(1, 75, 150));
        var levels = LoadPoints.Build(run);
        var breaking = BreakingPointAnalysis.Analyse(levels, StageTable.Build(run), SloLimits.Default);

        var capacity = CapacityAnalysis.Closed(levels, breaking, SloLimits.Default, 1);

        var h = capacity.Headline!;
        Assert.InRange(h.Rps, 380, 420);
        Assert.False(h.LowerBound);
        Assert.Equal(BreakKind.Plateau, h.LimitedBy);
        Assert.Equal(["Knee (Kneedle)", "SLO crossing", "Measured maximum", "USL peak"], capacity.Supporting.Select(s => s.Name).ToArray());
        // Each estimate either agrees (within 10 %) or its line explains the difference.
        Assert.All(capacity.Supporting, s => Assert.True(s.Agrees || s.Text.Contains(':'), s.Text));
        Assert.All(capacity.Supporting.Where(s => s.Rps is not null && s.Agrees), s => Assert.InRange(s.Rps!.Value, h.Rps * 0.9, h.Rps * 1.1));
    }

    [Fact]
    public void An_api_that_never_saturates_gets_a_lower_bound_not_a_breaking_point()
    {
        var run = SyntheticRuns.PoolServer(servers: 200, serviceMs: 50, seconds: 60, SyntheticRuns.Ramp(1, 40, 60));
        var model = ReportBuilder.Build(InMemory(run), SloLimits.Default);

        Assert.True(model.Capacity!.Headline!.LowerBound);
        Assert.StartsWith("sustainable capacity: at least ", model.Capacity.Headline.Text);
        Assert.Null(model.Bottleneck!.LikelyLimit);
    }

    [Fact]
    public void Pool_use_comes_from_the_measured_mix_and_queries_per_request_so_a_saturated_pool_reads_about_100_percent()
    {
        // The product story's run: cart add (1 query), order create (2), order get (1) share 20 connections at 50 ms.
        // Its synthetic server caps all requests at 400 RPS; with 1.2 queries per request the pool allows 20 / 0.06 s = 333.
        var run = SyntheticRuns.ProductStoryRun(withStageMarks: true);
        var levels = LoadPoints.Build(run);
        var breaking = BreakingPointAnalysis.Analyse(levels, StageTable.Build(run), SloLimits.Default);
        var headline = CapacityAnalysis.Closed(levels, breaking, SloLimits.Default, 3).Headline;

        var withQueries = BottleneckAnalysis.Analyse(run, levels, breaking, headline, SloLimits.Default, ShopTopology);
        var oneEach = BottleneckAnalysis.Analyse(run, levels, breaking, headline, SloLimits.Default, ShopTopology with { Database = ShopTopology.Database! with { QueriesPerRequest = null } });

        Assert.Equal(1.2, withQueries.PoolDemand!.QueriesPerRequest, 2); // 0.4 × 1 + 0.2 × 2 + 0.4 × 1
        Assert.Equal(60, withQueries.PoolDemand.MsPerRequest, 0);
        var pool = Assert.Single(withQueries.Ceilings);
        Assert.Equal(20 * 1000.0 / 60, pool.ImpliedMaxRps!.Value, 0);
        Assert.Equal(headline!.Rps * 0.06 / 20, pool.UseAtCapacity!.Value, 3);
        Assert.Contains("POST /api/orders/create 2 × 20%", pool.Evidence);
        // Assuming one query per request understates the pool's use by the same 1.2×.
        Assert.Equal(pool.UseAtCapacity!.Value / 1.2, Assert.Single(oneEach.Ceilings).UseAtCapacity!.Value, 3);
    }

    [Fact]
    public void Scrapes_of_the_apis_query_counter_before_and_after_give_the_measured_queries_per_request()
    {
        var before = PrometheusScrape.Parse("""
            # HELP db_queries_total Queries completed.
            # TYPE db_queries_total counter
            db_queries_total 100
            http_requests_total{method="GET",route="/api/x y",status="200"} 7
            http_requests_total{method="POST",route="/api/z",status="201"} 3
            garbage line
            """, "before.prom");
        var after = PrometheusScrape.Parse("db_queries_total 1300\n", "after.prom");

        Assert.Equal(10, before.Total("http_requests_total"));
        var (measured, problem) = ResourceDemand.FromScrapes(before, after, "db_queries_total", 1000);
        Assert.Null(problem);
        Assert.Equal(1.2, measured!.PerRequest, 9);
        // The measured value wins over the topology's list (which says 1 per request here).
        var demand = ResourceDemand.Database(new DatabaseTopology { ConnectionHoldMs = 50 }, [("GET /x", 1000)], 10, measured);
        Assert.Equal(60, demand.MsPerRequest, 9);
        Assert.StartsWith("1.2 queries per request measured: db_queries_total grew 1200 over the 1000 requests sent", demand.Basis);

        Assert.NotNull(ResourceDemand.FromScrapes(before, after, "pool_queries_total", 1000).Problem);
    }

    [Fact]
    public void An_endpoint_with_too_few_requests_per_load_level_is_not_named_first_to_degrade()
    {
        // The pool server's endpoint, plus a login made once per new VU: 1 request per window at most.
        var run = SyntheticRuns.PoolServer(servers: 20, serviceMs: 50, seconds: 120, SyntheticRuns.Ramp(1, 60, 120));
        var windows = run.Windows.Select((w, i) =>
        {
            if (i == 0 || w.Vus <= run.Windows[i - 1].Vus) return w;
            var login = new LatencyHistogram();
            login.RecordMilliseconds(i < 10 ? 5 : 500); // "slow" past 10 VUs — on one request per level
            return w with { Series = [.. w.Series, new SeriesWindow("POST /api/auth/login", "POST", 1, 0, login)] };
        }).ToList();
        var withLogin = run with { Windows = windows };
        var levels = LoadPoints.Build(withLogin);
        var breaking = BreakingPointAnalysis.Analyse(levels, StageTable.Build(withLogin), SloLimits.Default);

        var result = BottleneckAnalysis.Analyse(withLogin, levels, breaking, null, SloLimits.Default, null);

        Assert.DoesNotContain(result.Endpoints, e => e.Endpoint.Contains("login", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("POST /api/auth/login:", StringComparison.Ordinal) && n.Contains("too few"));
        Assert.Equal("GET /api/orders/:id", result.FirstToDegrade!.Endpoint);
        Assert.True(result.FirstToDegrade.Requests >= EvidenceRules.MinRequestsForPercentiles);
    }

    [Fact]
    public void Queries_per_request_keys_are_endpoints_and_keep_their_underscores_and_parameters()
    {
        var path = Path.Combine(SyntheticRuns.NewTempDirectory(), "capacity.json");
        File.WriteAllText(path, """
            { "baseline_rps": 10, "current": { "database": { "pool_size_per_pod": 5,
              "queries_per_request": { "GET /api/user_profiles/{id}": 3, "POST /api/orders": 2 } } } }
            """);

        var (input, problem) = CapacityPlanInput.Load(path);

        Assert.Null(problem);
        var listed = input!.Current.Database!.QueriesPerRequest!;
        Assert.Equal(3, ResourceDemand.QueriesOf(listed, "GET /api/user_profiles/:id"));
        Assert.Equal(3, ResourceDemand.QueriesOf(listed, "get /api/user_profiles/{profileId}"));
        Assert.Equal(2, ResourceDemand.QueriesOf(listed, "POST /api/orders/"));
        Assert.Null(ResourceDemand.QueriesOf(listed, "GET /api/orders"));
    }

    [Fact]
    public void Failures_at_the_lowest_load_with_client_errors_are_functional_with_their_codes_and_checks()
    {
        // 1 VU, every order read answered 404 (k6 error code 1404) from the first second: a broken flow, not capacity.
        var windows = Enumerable.Range(0, 20).Select(t =>
        {
            var w = SyntheticRuns.Window(t, 1, 20, 0, 10, "GET /api/products", "GET");
            var h = new LatencyHistogram();
            for (var i = 0; i < 20; i++) h.RecordMilliseconds(3);
            var broken = new SeriesWindow("GET /api/orders/{id}", "GET", 20, 20, h) { Failures = [new FailureCount(404, 1404, 20)] };
            return w with { Iterations = 20, Series = [.. w.Series, broken] };
        }).ToList();
        var run = new RunTimeSeries(SyntheticRuns.Start, windows, []);
        var summary = new RunSummary(20000, [], [new CheckResult("orders get 200", "::orders get 200", 0, 400), new CheckResult("products 200", "::products 200", 400, 0)]);

        var model = ReportBuilder.Build(new LoadedResults("memory", [ResultsFormat.Native], summary, run, []), SloLimits.Default);

        Assert.Equal(VerdictKind.FunctionalFailure, model.Verdict!.Kind);
        Assert.Null(model.BreakingPoint);
        Assert.Null(model.Capacity);
        var endpoint = Assert.Single(model.Failures!.Endpoints);
        Assert.Equal("404 (error 1404) ×400", endpoint.CodesText);
        Assert.Equal(1.0, endpoint.LowLoadErrorRate);
        Assert.Equal("orders get 200", Assert.Single(model.Failures.FailingChecks).Name);
        var md = MarkdownReport.Render(model);
        Assert.Contains("**FUNCTIONAL FAILURE** — Functional failure: GET /api/orders/{id} failed 100% of its requests at the lowest load", md);
        Assert.DoesNotContain("## Breaking point", md);
    }

    [Fact]
    public void Capacity_failures_under_load_are_listed_with_their_codes_but_do_not_make_the_run_functional()
    {
        // Healthy at low load; past 40 VUs the pool times out (503) and requests fail — that is the breaking point.
        var windows = Enumerable.Range(0, 100).Select(t =>
        {
            var vus = 1 + t;
            var failed = vus > 40 ? 20 : 0;
            var w = SyntheticRuns.Window(t, vus, 100, failed, vus > 40 ? 900 : 40);
            return failed == 0 ? w : w with { Series = [w.Series[0] with { Failures = [new FailureCount(503, 1503, failed)] }] };
        }).ToList();

        var model = ReportBuilder.Build(InMemory(new RunTimeSeries(SyntheticRuns.Start, windows, [])), SloLimits.Default);

        Assert.False(model.Failures!.IsFunctional);
        Assert.Contains("503 (error 1503)", Assert.Single(model.Failures.Endpoints).CodesText);
        Assert.NotNull(model.BreakingPoint!.First);
        Assert.Contains("## Failures", MarkdownReport.Render(model));
    }

    [Fact]
    public void Failure_codes_survive_the_native_time_series_and_k6_ndjson()
    {
        var h = new LatencyHistogram();
        h.RecordMilliseconds(12);
        var window = new TimeWindow(SyntheticRuns.Start, 1, 1, 1, 1, 0, null,
            [new SeriesWindow("GET /x", "GET", 3, 2, h) { Failures = [new FailureCount(0, 1050, 1), new FailureCount(500, 1500, 1)] }]);
        using var stream = new MemoryStream();
        TimeSeriesFile.Write(new RunTimeSeries(SyntheticRuns.Start, [window], []), stream);
        stream.Position = 0;
        Assert.Equal(window.Series[0].Failures, TimeSeriesFile.Read(stream).Windows[0].Series[0].Failures);

        var ndjson = Path.Combine(SyntheticRuns.NewTempDirectory(), "k6.ndjson");
        File.WriteAllText(ndjson, string.Join('\n',
            """{"type":"Point","metric":"http_req_duration","data":{"time":"2026-01-01T12:00:00.1Z","value":10,"tags":{"name":"GET /x","method":"GET","status":"404","error_code":"1404","expected_response":"false"}}}""",
            """{"type":"Point","metric":"http_req_failed","data":{"time":"2026-01-01T12:00:00.1Z","value":1,"tags":{"name":"GET /x","method":"GET","status":"404"}}}""",
            """{"type":"Point","metric":"http_req_duration","data":{"time":"2026-01-01T12:00:00.2Z","value":10,"tags":{"name":"GET /x","method":"GET","status":"200","expected_response":"true"}}}"""));
        var series = K6NdjsonReader.Read(ndjson).Series!;
        Assert.Equal([new FailureCount(404, 1404, 1)], series.Windows[0].Series[0].Failures);
    }

    [Fact]
    public void The_plan_fixes_the_limit_first_checks_max_connections_and_has_no_zero_change_rows()
    {
        var input = new CapacityPlanInput
        {
            BaselineRps = 180,
            GrowthFactor = 3,
            Current = new Topology
            {
                Pods = 3, NodeSku = "m5.xlarge", Autoscaler = new AutoscalerSettings(2, 3, 0.65),
                Database = new DatabaseTopology { InstanceClass = "db.r5.large", MaxConnections = 100, PoolSizePerPod = 20, ConnectionHoldMs = 50 },
            },
            Tested = new Topology { Pods = 1, Database = new DatabaseTopology { PoolSizePerPod = 20, MaxConnections = 100 } },
        };
        var measured = new MeasuredCapacity(300, 60, "Database connection pool", 0, 300) { ConnectionMsPerRequest = 66.7 };

        var (plan, diagnostics) = CapacityPlanner.Plan(input, measured, PriceCatalog.LoadDefault());

        var pool = plan.Changes[0];
        Assert.Equal(CapacityPlanner.PoolChange, pool.Change);
        Assert.True(pool.FixesLimit);
        Assert.Matches(@"^pool_size: 20 -> \d+ per pod", pool.What);
        // Checked against the class the plan runs the database on (2.16× the load: two sizes up, 64 GiB).
        Assert.Contains("db.r5.2xlarge allows ~5,000", pool.Why);
        Assert.Contains("The pool was the measured limit", pool.Why);
        // 648 RPS / 300 per pod = 3 pods = today's: no "3 -> 3 pods" row, and the autoscaler already fits.
        Assert.DoesNotContain(plan.Changes, c => c.Change == CapacityPlanner.PodsChange);
        Assert.DoesNotContain(plan.Changes, c => Regex.IsMatch(c.What, @"\b(\d+) -> \1\b"));
        Assert.DoesNotContain(diagnostics, d => d.Code == DiagnosticCodes.ConnectionCeiling);

        // A database too small for the pools every pod opens is a diagnostic.
        var tiny = PriceCatalog.Parse("""
            { "prices": [ { "provider": "aws", "service": "rds", "sku": "db.t.micro", "engine": "postgresql", "region": "us-east-1", "unit": "hour", "price": 0.02, "currency": "USD", "memory_gib": 0.5, "source": "test", "as_of": "2026-01-01" } ] }
            """, "test");
        var small = input with { Current = input.Current with { Database = input.Current.Database! with { InstanceClass = "db.t.micro" } } };
        var (_, smallDiagnostics) = CapacityPlanner.Plan(small, measured, tiny);
        Assert.Contains(smallDiagnostics, d => d.Code == DiagnosticCodes.ConnectionCeiling && d.Message.Contains("~56 db.t.micro allows", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_flow_script_no_verification_script_is_written_and_the_report_says_so()
    {
        var dir = SyntheticRuns.NativeResults(SyntheticRuns.ProductStoryRun(withStageMarks: true));

        var paths = ReportGenerator.WriteReports(new ReportRequest(dir) { CapacityPlanInputPath = SyntheticRuns.FixturePath("capacity-input.json") });

        Assert.Null(paths.VerificationScript);
        Assert.NotNull(paths.VerificationProfile);
        Assert.Contains(DiagnosticCodes.NoFlowScript, File.ReadAllText(paths.Markdown));

        var missing = ReportGenerator.WriteReports(new ReportRequest(dir) { CapacityPlanInputPath = SyntheticRuns.FixturePath("capacity-input.json"), FlowScriptPath = Path.Combine(dir, "nope.js") });
        Assert.Null(missing.VerificationScript);
        Assert.Contains(DiagnosticCodes.FlowScriptNotFound, File.ReadAllText(missing.Markdown));
    }

    [Fact]
    public void Run_facts_are_printed_without_credentials()
    {
        var model = ReportBuilder.Build(InMemory(SyntheticRuns.ProductStoryRun(withStageMarks: true)),
            new ReportInputs(SloLimits.Default, null, null, null) { Facts = new RunFacts { Profile = "load", Target = "https://user:secret@staging.example.com/api?token=abc", TimeScale = 0.05 } });

        var md = MarkdownReport.Render(model);

        Assert.Contains("| load (time scale 0.05) | 2026-01-01 12:00:00 UTC | 1m 45s | closed (VUs) | https://staging.example.com/api | " + ReportBuilder.Version + " |", md);
        Assert.DoesNotContain("secret", md);
        Assert.DoesNotContain("token=abc", md);
    }

    private static LoadedResults InMemory(RunTimeSeries run) => new("memory", [ResultsFormat.Native], null, run, []);

    private static string Inv(double value) => value.ToString(CultureInfo.InvariantCulture);
}
