using System.Globalization;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>How the run applied load: a number of VUs looping (closed) or iterations started on a schedule (open).</summary>
public enum LoadModel
{
    /// <summary>ramping-vus, constant-vus, per-vu/shared iterations: load is the VU count.</summary>
    Closed,

    /// <summary>ramping-arrival-rate, constant-arrival-rate: load is the offered iteration rate; VUs are what it takes.</summary>
    Open,
}

/// <summary>
/// Recognises the load model and the offered (scheduled) iteration rate of an open-model run. The engine's stage marks
/// carry the arrival rate; k6 output carries none, but only arrival-rate executors drop iterations, so a run with
/// dropped iterations is open too (its offered rate is then unknown, and achieved + dropped is the best estimate).
/// </summary>
public static partial class LoadModelDetector
{
    public static LoadModel Of(RunTimeSeries series) =>
        series.Stages.Any(s => s.TargetRate is not null) || (series.Stages.Count == 0 && series.Windows.Any(w => w.DroppedIterations > 0))
            ? LoadModel.Open
            : LoadModel.Closed;

    /// <summary>
    /// The offered iteration rate (per second, summed over open-model scenarios) at a moment, from the stage marks;
    /// null when the run has no arrival-rate marks or the moment is outside them. Rates move linearly within a stage
    /// from where the previous stage ended (the first stage from its start rate, see <see cref="StartRate"/>).
    /// </summary>
    public static double? OfferedAt(RunTimeSeries series, DateTimeOffset moment)
    {
        double? total = null;
        foreach (var scenario in series.Stages.Where(s => s.TargetRate is not null).GroupBy(s => s.Scenario))
        {
            var marks = scenario.OrderBy(s => s.Index).ToList();
            for (var i = 0; i < marks.Count; i++)
            {
                var mark = marks[i];
                if (moment < mark.Start || moment >= mark.End) continue;
                var from = i > 0 ? marks[i - 1].TargetRate!.Value : StartRate(mark);
                var to = mark.TargetRate!.Value;
                var span = (mark.End - mark.Start).TotalSeconds;
                var f = span > 0 ? (moment - mark.Start).TotalSeconds / span : 1;
                total = (total ?? 0) + from + (to - from) * Math.Clamp(f, 0, 1);
                break;
            }
        }
        return total;
    }

    /// <summary>
    /// The rate a first stage starts from. A mark records where a stage ends; the engine labels it "Ramp a-b" or
    /// "Sustain b" (ScenarioExecutor.RampLabel) with the same time unit, so the start is read from the label, scaled like
    /// the target. A label in another form starts the stage at its target (a hold), which overstates the first seconds only.
    /// </summary>
    public static double StartRate(StageMark mark)
    {
        var to = mark.TargetRate ?? 0;
        var match = RampLabel().Match(mark.Label);
        if (!match.Success) return to;
        var labelFrom = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var labelTo = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        // The label is in the scenario's time unit; the mark's rate is per second: scale by their ratio.
        return labelTo > 0 ? labelFrom * to / labelTo : labelFrom;
    }

    [GeneratedRegex(@"^Ramp (\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex RampLabel();
}
