using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>
/// One row of the per-stage table: the load applied and what the API did under it. Vus is the level the stage
/// reached; Trusted is false when the load generator saturated in the stage (see <see cref="GeneratorHealth"/>).
/// </summary>
public sealed record StageRow(string Label, StageKind Kind, int Vus, double Seconds, long Requests, double Rps, double P50Ms, double P95Ms, double P99Ms, double ErrorRate, bool Trusted);

public static class StageTable
{
    public static IReadOnlyList<StageRow> Build(RunTimeSeries series)
    {
        var rows = new List<StageRow>();
        foreach (var stage in StageDetector.Stages(series))
        {
            var windows = series.Windows.Where(w => w.Start >= stage.Start && w.Start < stage.End).ToList();
            if (windows.Count == 0) continue;
            var a = WindowAggregate.Of(windows);
            var vus = stage.Kind == StageKind.RampDown ? stage.StartVus : Math.Max(stage.EndVus, windows.Max(w => w.Vus));
            rows.Add(new StageRow(stage.Label, stage.Kind, vus, a.Seconds, a.Requests, a.Rps, a.P50, a.P95, a.P99, a.ErrorRate, a.Trusted));
        }
        return rows;
    }
}
