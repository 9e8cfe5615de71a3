using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadTest.Runtime.Capacity;

/// <summary>A k6 ramping-arrival-rate stage: reach Target iterations per minute over Duration (k6 duration text such as "5m").</summary>
public sealed record VerificationStage(string Duration, int Target)
{
    public double Seconds => VerificationProfile.ParseDuration(Duration).TotalSeconds;
}

/// <summary>How one iteration of the flow behaves, measured at low load: what sizes the verification's rate and VUs.</summary>
/// <param name="RequestsPerIteration">Requests one iteration sends (measured: requests / iterations).</param>
/// <param name="ResponseSecondsPerIteration">Time an iteration spends waiting for responses (requests × low-load p50).</param>
/// <param name="ThinkSecondsPerIteration">Time it spends sleeping, at time scale 1 (measured iteration time minus responses, ÷ the run's time scale).</param>
public sealed record IterationShape(double RequestsPerIteration, double ResponseSecondsPerIteration, double ThinkSecondsPerIteration);

/// <summary>
/// The pre-launch verification test derived from the plan: the generated flow itself, started at the design load's
/// iteration rate (target × headroom ÷ requests per iteration) by k6's ramping-arrival-rate, held, then soaked at the
/// target for <see cref="SoakMinutes"/>, with the plan's thresholds. Open model on purpose: the design rate is reached
/// whatever the response times, so the test proves the rate rather than a VU count. Written as JSON and as a k6 script.
/// </summary>
public sealed record VerificationProfile(
    double TargetRps,
    double DesignRps,
    double RequestsPerIteration,
    double DesignIterationsPerSecond,
    double SoakIterationsPerSecond,
    double IterationSeconds,
    int PeakVus,
    int SoakVus,
    int PreAllocatedVus,
    int MaxVus,
    double SoakMinutes,
    IReadOnlyList<VerificationStage> Stages,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Thresholds,
    string? FlowScript,
    IReadOnlyList<string> Assumptions)
{
    public const string FileName = "verification-profile.json";
    public const string ScriptFileName = "verification.k6.js";

    /// <summary>Stage targets are iterations per this unit (per minute keeps fractional per-second rates exact).</summary>
    public const string TimeUnit = "1m";

    /// <summary>How one iteration behaves (for scaling VUs with LOADTEST_TIME_SCALE in the script).</summary>
    public IterationShape? Shape { get; init; }

    /// <summary>Seconds an iteration waits for responses when each takes the p(99) SLO: what <see cref="MaxVus"/> must cover.</summary>
    public double SlowResponseSecondsPerIteration { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static VerificationProfile? FromJson(string json) => JsonSerializer.Deserialize<VerificationProfile>(json, Options);

    public static VerificationProfile? Read(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Total planned duration at time scale 1 (for CI time budgets).</summary>
    public TimeSpan TotalDuration => TimeSpan.FromSeconds(Stages.Sum(s => s.Seconds));

    /// <summary>Seconds from the start to the end of the hold at the design rate, at time scale 1.</summary>
    public (double From, double To) DesignHoldSeconds => (Stages[0].Seconds, Stages[0].Seconds + Stages[1].Seconds);

    internal static TimeSpan ParseDuration(string text)
    {
        var total = 0.0;
        var number = "";
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c == '.') { number += c; continue; }
            var value = double.Parse(number.Length == 0 ? "0" : number, CultureInfo.InvariantCulture);
            total += c switch { 'h' => value * 3600, 'm' => value * 60, _ => value };
            number = "";
        }
        if (number.Length > 0) total += double.Parse(number, CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(total);
    }
}

/// <summary>Derives the verification profile from a plan and the flow's measured iteration shape.</summary>
public static class VerificationPlanner
{
    /// <summary>VUs allocated before the start per VU expected in use, and the most k6 may add when responses slow down.</summary>
    public const double PreAllocatedFactor = 1.25, MaxVusFactor = 3;

    /// <summary>
    /// The most VUs the script may use: 3× those in use, and at least enough to hold the design rate while every response
    /// takes the p(99) SLO (Little's law again). Below that a latency excursion the SLOs allow would drop iterations —
    /// a shortfall of the generator, not of the API — which matters when time compression shrinks the think time.
    /// </summary>
    private static int MaxVusFor(int peakVus, double iterationsPerSecond, double slowResponseSeconds, double thinkSeconds) =>
        Math.Max(Math.Max(10, (int)Math.Ceiling(peakVus * MaxVusFactor)), (int)Math.Ceiling(iterationsPerSecond * (slowResponseSeconds + thinkSeconds)));

    public static VerificationProfile Build(CapacityPlanInput input, CapacityPlan plan, IterationShape shape, string? flowScript)
    {
        var rpi = Math.Max(shape.RequestsPerIteration, 1e-9);
        var design = plan.DesignRps / rpi;
        var soak = plan.TargetRps / rpi;
        // Little's law: VUs in use = iterations per second × seconds per iteration.
        var iterationSeconds = Math.Max(0.001, shape.ResponseSecondsPerIteration + shape.ThinkSecondsPerIteration);
        var peakVus = Math.Max(1, (int)Math.Ceiling(design * iterationSeconds));
        var soakVus = Math.Max(1, (int)Math.Ceiling(soak * iterationSeconds));
        var preAllocated = Math.Max(5, (int)Math.Ceiling(peakVus * PreAllocatedFactor));
        var slowResponseSeconds = shape.RequestsPerIteration * input.Slo.P99Ms / 1000;
        var maxVus = MaxVusFor(peakVus, design, slowResponseSeconds, shape.ThinkSecondsPerIteration);
        var soakMinutes = Math.Max(1, input.SoakMinutes);
        static int PerMinute(double perSecond) => Math.Max(1, (int)Math.Round(perSecond * 60));
        List<VerificationStage> stages =
        [
            new("5m", PerMinute(design)),
            new("10m", PerMinute(design)),
            new("2m", PerMinute(soak)),
            new(string.Create(CultureInfo.InvariantCulture, $"{soakMinutes:0}m"), PerMinute(soak)),
            new("1m", 0),
        ];
        var thresholds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["http_req_duration"] = [Inv($"p(95)<{input.Slo.P95Ms:0}"), Inv($"p(99)<{input.Slo.P99Ms:0}")],
            ["http_req_failed"] = [Inv($"rate<{input.Slo.ErrorRate:0.####}")],
            ["checks"] = [Inv($"rate>{1 - input.Slo.ErrorRate:0.####}")],
        };
        List<string> assumptions =
        [
            Inv($"Design {plan.DesignRps:0} RPS = {design:0.##} iterations/s of the flow at {shape.RequestsPerIteration:0.##} requests per iteration (measured); the soak holds the target {plan.TargetRps:0} RPS = {soak:0.##} iterations/s for {soakMinutes:0} minutes to expose leaks and pool exhaustion."),
            Inv($"An iteration takes ~{iterationSeconds:0.##} s at time scale 1 ({shape.ResponseSecondsPerIteration:0.###} s waiting for responses + {shape.ThinkSecondsPerIteration:0.##} s think time), so ~{peakVus} VUs are in use at the design rate and ~{soakVus} in the soak (Little's law); {preAllocated} are allocated up front, up to {maxVus} if responses slow down (enough for each to take the p(99) SLO, {input.Slo.P99Ms:0} ms)."),
            "Arrival-rate (open model): the flow starts at the design rate whatever the response times, so reaching it is the test; dropped iterations mean the VUs ran out, and fail the run.",
        ];
        if (flowScript is not null && Path.GetFileName(flowScript) == "all-flows.js")
        {
            // The mix's default export runs its first flow; its shares live in its own scenarios, which an import does not bring.
            assumptions.Add("The imported all-flows.js runs its first flow as its default function: this verifies that flow at the whole design rate. Verify each flow from its own report (the per-flow tests write one each) for the mix.");
        }
        return new VerificationProfile(plan.TargetRps, plan.DesignRps, shape.RequestsPerIteration, design, soak, iterationSeconds,
            peakVus, soakVus, preAllocated, maxVus, soakMinutes, stages, thresholds, flowScript, assumptions)
        { Shape = shape, SlowResponseSecondsPerIteration = slowResponseSeconds };
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
