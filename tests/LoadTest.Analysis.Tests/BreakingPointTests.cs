using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

public class BreakingPointTests
{
    private static readonly SloLimits Slo = new(P95Ms: 800, P99Ms: 2000, ErrorRate: 0.05);

    [Fact]
    public void A_pool_of_20_at_50ms_is_found_to_break_at_400_rps_within_ten_percent()
    {
        // Closed model, 1→75 VUs over 150 s: capacity is 20 / 0.05 s = 400 RPS, reached at 20 VUs.
        var run = SyntheticRuns.PoolServer(servers: 20, serviceMs: 50, seconds: 150, SyntheticRuns.Ramp(1, 75, 150));
        var levels = LoadPoints.Build(run);

        var result = BreakingPointAnalysis.Analyse(levels, StageTable.Build(run), Slo);

        var first = result.First!;
        Assert.Equal(BreakKind.Plateau, first.Kind);
        Assert.InRange(first.Rps, 360, 440);
        Assert.InRange(first.Vus, 18, 22);
        Assert.InRange(result.MaxTrustedRps, 360, 440);
        Assert.InRange(result.KneeVus!.Value, 16, 26);
        var usl = result.Usl!;
        Assert.InRange(usl.PeakThroughput, 360, 440);
        // USL smooths the hard corner, so its peak sits past the true one; it must still be in the right place.
        Assert.InRange(usl.PeakConcurrency, 20, 60);
    }

    [Fact]
    public void The_p95_crossing_is_interpolated_to_the_load_where_latency_passes_the_limit()
    {
        // Past saturation R = N / 400 s, so p95 (≈ 1.08 R with the ±10 % jitter) passes 100 ms near 37 VUs.
        var run = SyntheticRuns.PoolServer(servers: 20, serviceMs: 50, seconds: 150, SyntheticRuns.Ramp(1, 75, 150));

        var result = BreakingPointAnalysis.Analyse(LoadPoints.Build(run), StageTable.Build(run), Slo with { P95Ms = 100 });

        var p95 = Assert.Single(result.Events, e => e.Kind == BreakKind.P95OverLimit);
        Assert.InRange(p95.Vus, 33, 41);
        Assert.Contains("p95 crosses 100ms", p95.Evidence);
    }

    [Fact]
    public void Error_rate_crossing_is_reported_at_the_first_level_over_the_limit()
    {
        var windows = Enumerable.Range(0, 100).Select(t =>
        {
            var vus = 1 + t;
            var failed = vus >= 60 ? 10 : 0;
            return SyntheticRuns.Window(t, vus, 100, failed, 30);
        }).ToList();
        var run = new RunTimeSeries(SyntheticRuns.Start, windows, []);

        var result = BreakingPointAnalysis.Analyse(LoadPoints.Build(run), StageTable.Build(run), Slo);

        var errors = Assert.Single(result.Events, e => e.Kind == BreakKind.ErrorRateOverLimit);
        Assert.InRange(errors.Vus, 56, 62);
    }

    [Fact]
    public void Retrograde_throughput_in_the_sustain_stage_is_reported_with_both_rates()
    {
        // Ramp 200→500 at 620 RPS, then a 500 VU hold that sinks to 540 RPS (the product story's run).
        var windows = new List<TimeWindow>();
        for (var t = 0; t < 60; t++) windows.Add(SyntheticRuns.Window(t, 200 + 5 * t, 620, 0, 300));
        for (var t = 60; t < 120; t++) windows.Add(SyntheticRuns.Window(t, 500, 540, 0, 900));
        var run = new RunTimeSeries(SyntheticRuns.Start, windows, []);
        var stages = StageTable.Build(run);

        var result = BreakingPointAnalysis.Analyse(LoadPoints.Build(run), stages, Slo);

        var retrograde = Assert.Single(result.Events, e => e.Kind == BreakKind.Retrograde);
        // Derived stage edges may move by one window, so the ramp's mean can read 619 instead of 620.
        Assert.Matches(@"from 6(19|20) \(Ramp 200-\d+\) to 540 \(Sustain 500\)", retrograde.Evidence);
        Assert.Equal(500, retrograde.Vus);
    }

    [Fact]
    public void Levels_where_the_generator_saturated_are_not_blamed_on_the_api()
    {
        // Healthy linear API, but from 150 s the generator drops iterations and latencies look awful there.
        var windows = Enumerable.Range(0, 200).Select(t =>
        {
            var vus = 1 + t / 2;
            var generatorBusy = t >= 150;
            var w = SyntheticRuns.Window(t, vus, vus * 10, 0, generatorBusy ? 5000 : 50);
            return generatorBusy ? w with { DroppedIterations = 12 } : w;
        }).ToList();
        var run = new RunTimeSeries(SyntheticRuns.Start, windows, []);

        var result = BreakingPointAnalysis.Analyse(LoadPoints.Build(run), StageTable.Build(run), Slo);

        Assert.True(result.UntrustedLevels > 0);
        Assert.DoesNotContain(result.Events, e => e.Kind == BreakKind.P95OverLimit);
        Assert.Contains(result.Notes, n => n.Contains("load generator", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_are_derived_from_the_vus_series_when_no_stage_marks_exist()
    {
        // The product story's profile: 10→50 (2 m), 50→200 (5 m), 200→500 (3 m), hold 500 (2 m), 500→0 (2 m).
        int[] ends = [120, 420, 600, 720, 840];
        Func<int, int> vus = t =>
            t < 120 ? 10 + 40 * t / 120 :
            t < 420 ? 50 + 150 * (t - 120) / 300 :
            t < 600 ? 200 + 300 * (t - 420) / 180 :
            t < 720 ? 500 :
            500 - 500 * (t - 720) / 120;
        var windows = Enumerable.Range(0, ends[^1]).Select(t => SyntheticRuns.Window(t, vus(t), 1, 0, 10)).ToList();

        var stages = StageDetector.Stages(new RunTimeSeries(SyntheticRuns.Start, windows, []));

        Assert.Equal([StageKind.RampUp, StageKind.RampUp, StageKind.RampUp, StageKind.Hold, StageKind.RampDown], stages.Select(s => s.Kind).ToArray());
        // Each derived edge is within two seconds of the planned one.
        for (var i = 0; i < ends.Length - 1; i++)
        {
            Assert.InRange((stages[i].End - SyntheticRuns.Start).TotalSeconds, ends[i] - 2, ends[i] + 2);
        }
        Assert.InRange(stages[0].EndVus, 48, 51);
        Assert.InRange(stages[1].EndVus, 198, 201);
        Assert.Equal("Sustain 500", stages[3].Label);
    }

    [Fact]
    public void Stage_marks_label_the_table_when_the_engine_wrote_them()
    {
        var windows = Enumerable.Range(0, 20).Select(t => SyntheticRuns.Window(t, t < 10 ? 5 + t : 15, 100, t < 10 ? 0 : 10, t < 10 ? 40 : 400)).ToList();
        StageMark[] marks =
        [
            new("ramp_up", 0, "Ramp 5-15", SyntheticRuns.Start, SyntheticRuns.Start.AddSeconds(10), 15, null),
            new("ramp_up", 1, "Sustain 15", SyntheticRuns.Start.AddSeconds(10), SyntheticRuns.Start.AddSeconds(20), 15, null),
        ];

        var rows = StageTable.Build(new RunTimeSeries(SyntheticRuns.Start, windows, marks));

        Assert.Equal(["Ramp 5-15", "Sustain 15"], rows.Select(r => r.Label).ToArray());
        Assert.Equal(100, rows[0].Rps, 6);
        Assert.Equal(0.1, rows[1].ErrorRate, 6);
        Assert.InRange(rows[1].P95Ms, 400, 420);
        Assert.InRange(rows[0].P50Ms, 38, 42);
        Assert.Equal(15, rows[1].Vus);
    }
}
