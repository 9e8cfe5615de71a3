using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadTest.Runtime.Capacity;

/// <summary>A k6-style stage: ramp to Target VUs over Duration (k6 duration text such as "5m").</summary>
public sealed record VerificationStage(string Duration, int Target);

/// <summary>
/// The pre-launch verification test derived from the plan: design load (target × headroom) with the plan's
/// stricter thresholds, think time, and a soak phase. Written as JSON for the C# runtime and as a k6 script.
/// </summary>
public sealed record VerificationProfile(
    double TargetRps,
    double DesignRps,
    int PeakVus,
    int SoakVus,
    double SoakMinutes,
    double ThinkTimeSeconds,
    IReadOnlyList<VerificationStage> Stages,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Thresholds,
    string? FlowScript,
    IReadOnlyList<string> Assumptions)
{
    public const string FileName = "verification-profile.json";
    public const string ScriptFileName = "verification.k6.js";

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

    /// <summary>Total planned duration (for CI time budgets).</summary>
    public TimeSpan TotalDuration => TimeSpan.FromSeconds(Stages.Sum(s => ParseDuration(s.Duration).TotalSeconds));

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

/// <summary>Derives the verification profile from a plan and the run's measured VUs-per-RPS ratio.</summary>
public static class VerificationPlanner
{
    /// <param name="input">The plan input (SLOs, think time, soak length).</param>
    /// <param name="plan">The plan (target and design RPS).</param>
    /// <param name="vusPerRps">VUs the tested script needed per RPS while healthy (closed model: N/X = R + Z per request).</param>
    /// <param name="requestsPerIteration">Requests one iteration sends (think time is per iteration).</param>
    /// <param name="flowScript">Relative path of the generated flow script to import, if any.</param>
    public static VerificationProfile Build(CapacityPlanInput input, CapacityPlan plan, double vusPerRps, double requestsPerIteration, string? flowScript)
    {
        var perRps = Math.Max(vusPerRps, 0.001) + input.ThinkTimeSeconds / Math.Max(requestsPerIteration, 1);
        var peak = Math.Max(1, (int)Math.Ceiling(plan.DesignRps * perRps));
        var soak = Math.Max(1, (int)Math.Ceiling(plan.TargetRps * perRps));
        var soakMinutes = Math.Max(1, input.SoakMinutes);
        List<VerificationStage> stages =
        [
            new("5m", peak),
            new("10m", peak),
            new("2m", soak),
            new(string.Create(CultureInfo.InvariantCulture, $"{soakMinutes:0}m"), soak),
            new("2m", 0),
        ];
        var thresholds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["http_req_duration"] = [Inv($"p(95)<{input.Slo.P95Ms:0}"), Inv($"p(99)<{input.Slo.P99Ms:0}")],
            ["http_req_failed"] = [Inv($"rate<{input.Slo.ErrorRate:0.####}")],
        };
        List<string> assumptions =
        [
            Inv($"VUs = RPS × ({vusPerRps:0.###} VU per RPS measured while healthy + {input.ThinkTimeSeconds:0.##} s think time / {requestsPerIteration:0.#} requests per iteration) (closed model N = X·(R+Z))."),
            Inv($"Peak {peak} VUs carry the design load {plan.DesignRps:0} RPS; the soak holds {soak} VUs (target {plan.TargetRps:0} RPS) for {soakMinutes:0} minutes to expose leaks and pool exhaustion."),
        ];
        return new VerificationProfile(plan.TargetRps, plan.DesignRps, peak, soak, soakMinutes, input.ThinkTimeSeconds, stages, thresholds, flowScript, assumptions);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
