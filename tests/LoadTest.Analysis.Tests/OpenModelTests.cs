using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>Arrival-rate runs: a stage table per step of the ramp, a named breaking point, and the headline at the limit.</summary>
public class OpenModelTests
{
    private static readonly SloLimits Slo = SloLimits.Default;

    // Capacity 10 / 0.05 s = 200 iterations/s; the schedule ramps 1 → 400/s over 60 s.
    private static readonly RunTimeSeries Breakpoint = SyntheticRuns.OpenPoolServer(servers: 10, serviceMs: 50, seconds: 60, startRate: 1, endRate: 400, maxVus: 1000);

    [Fact]
    public void The_stage_table_of_an_arrival_rate_ramp_has_a_row_per_step_with_offered_achieved_dropped_and_vus()
    {
        var steps = LoadSteps.Build(Breakpoint);

        Assert.Equal(LoadModel.Open, LoadModelDetector.Of(Breakpoint));
        Assert.Equal(15, steps.Count); // 60 windows, at most 16 steps of at least 2: 4 windows each
        Assert.All(steps, s => Assert.Equal(StageKind.RampUp, s.Kind));
        // The offered rate follows the schedule: 1 + 399 × t / 60 at each step's middle.
        Assert.Equal(1 + 399 * 2 / 60.0, steps[0].OfferedRate!.Value, 0);
        Assert.Equal(1 + 399 * 58 / 60.0, steps[^1].OfferedRate!.Value, 0);
        Assert.Equal("1→27.6/s", steps[0].Label);
        // Below capacity achieved follows offered; above it sticks at 200 while VUs in use pile up.
        Assert.InRange(steps[3].AchievedRate / steps[3].OfferedRate!.Value, 0.95, 1.05);
        Assert.InRange(steps[^1].AchievedRate, 190, 205);
        Assert.True(steps[^1].MeanVus > 10 * steps[3].MeanVus);
    }

    [Fact]
    public void The_breaking_point_is_where_achieved_falls_behind_offered_and_the_headline_is_the_limit()
    {
        var steps = LoadSteps.Build(Breakpoint);

        var breaking = OpenModelBreakingPoint.Analyse(steps, Slo);
        var capacity = CapacityAnalysis.Open(steps, breaking, Slo, 1);

        // Past 200/s the queue builds: VUs in use jump while throughput stays, and achieved falls 8 % behind once the
        // offered rate passes 200 / 0.92 ≈ 217/s — whichever the steps show first is the breaking point.
        var first = breaking.First!;
        Assert.Contains(first.Kind, new[] { BreakKind.BehindOffered, BreakKind.VusWithoutThroughput });
        Assert.InRange(first.OfferedRate!.Value, 190, 250);
        var behind = Assert.Single(breaking.Events, e => e.Kind == BreakKind.BehindOffered);
        Assert.Contains("behind the", behind.Evidence);
        Assert.InRange(behind.OfferedRate!.Value, 200, 260);
        // The p95 SLO goes later (the queue must first grow to 0.75 s of work), and is named as a later event.
        Assert.Contains(breaking.Events, e => e.Kind == BreakKind.P95OverLimit && e.Step > first.Step);
        var headline = capacity.Headline!;
        Assert.False(headline.LowerBound);
        Assert.InRange(headline.Rps, 180, 220);
        Assert.Equal(headline.Rps, headline.IterationsPerSecond!.Value, 6);
        Assert.Equal("sustainable capacity: " + headline.Rps.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " RPS (" + headline.IterationsPerSecond!.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " iterations/s) within the SLOs", headline.Text);
        Assert.Contains(first.Rule, headline.Method);
    }

    [Fact]
    public void Vus_growing_without_throughput_is_named_when_the_schedule_is_unknown()
    {
        // k6 output: no schedule, offered = achieved + dropped, nothing dropped — only the VUs say the API is stuck.
        LoadStep Step(int i, double vus, double rps) => new(i, $"step {i}", StageKind.RampUp, i * 5, 5, rps, rps, rps, 0, vus, (int)vus, 20, 40, 60, 0, (long)(rps * 5), true);
        LoadStep[] steps = [Step(0, 2, 40), Step(1, 4, 80), Step(2, 6, 120), Step(3, 8, 150), Step(4, 20, 152), Step(5, 45, 150), Step(6, 90, 151)];

        var breaking = OpenModelBreakingPoint.Analyse(steps, Slo);

        var first = breaking.First!;
        Assert.Equal(BreakKind.VusWithoutThroughput, first.Kind);
        Assert.Equal(4, first.Step);
        Assert.Contains("VUs in use grew 8 → 20 (+150%)", first.Evidence);
        Assert.InRange(CapacityAnalysis.Open(steps, breaking, Slo, 1).Headline!.Rps, 150, 152);
    }

    [Fact]
    public void Dropped_iterations_while_the_api_is_still_fast_are_the_generators_limit_not_the_apis()
    {
        // Plenty of capacity (1000/s) but only 5 VUs: every step past 100/s drops iterations at a 50 ms latency.
        var run = SyntheticRuns.OpenPoolServer(servers: 50, serviceMs: 50, seconds: 40, startRate: 10, endRate: 300, maxVus: 5);

        var model = ReportBuilder.Build(new LoadedResults("memory", [ResultsFormat.Native], null, run, []), Slo);

        Assert.Contains(model.Steps, s => s.Dropped > 0 && !s.Trusted);
        Assert.DoesNotContain(model.BreakingPoint!.Events, e => e.Kind == BreakKind.BehindOffered);
        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.GeneratorSaturated);
    }

    [Fact]
    public void The_report_of_an_open_run_shows_the_steps_and_a_breaking_point_section()
    {
        var model = ReportBuilder.Build(new LoadedResults("memory", [ResultsFormat.Native], null, Breakpoint, []), Slo);
        var md = MarkdownReport.Render(model);

        Assert.Contains("| Step | Offered it/s | Achieved it/s | RPS | Dropped | VUs in use | p50 | p95 | p99 | Error Rate |", md);
        Assert.Contains("| 1. 1→27.6/s |", md);
        Assert.Contains("## Breaking point", md);
        Assert.Matches("(achieved fell behind offered|VUs grew without throughput) first", md);
        Assert.Contains("open (arrival rate)", md);
        // One headline, and the same number in the verdict.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(md, "\\*\\*Sustainable capacity: "));
        Assert.StartsWith("**COMPLETED** — Sustainable capacity: " + model.Capacity!.Headline!.Rps.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " RPS", md["# Load test report\n\n".Length..].ReplaceLineEndings("\n"));
    }

    [Fact]
    public void K6_output_of_an_arrival_rate_run_is_recognised_by_its_dropped_iterations_and_estimates_the_offered_rate()
    {
        var run = SyntheticRuns.OpenPoolServer(servers: 10, serviceMs: 50, seconds: 60, startRate: 1, endRate: 400, maxVus: 100, withMarks: false);

        var model = ReportBuilder.Build(new LoadedResults("memory", [ResultsFormat.K6Ndjson], null, run, []), Slo);

        Assert.Equal(LoadModel.Open, model.Model);
        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.OfferedRateEstimated);
        // Offered = achieved + dropped in each step.
        Assert.All(model.Steps, s => Assert.Equal(s.AchievedRate + s.Dropped / s.Seconds, s.OfferedRate!.Value, 6));
        Assert.InRange(model.Capacity!.Headline!.Rps, 180, 220);
    }
}
