using LoadTest.Runtime.Configuration;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Profiles;

/// <summary>
/// The built-in load profiles and how a run picks one: <c>LOADTEST_PROFILE</c>, else the build default; then the
/// overrides (<see cref="ProfileOverrides"/>) and the time scale. The k6 helper module applies the same rules in JS.
/// </summary>
public static class LoadProfiles
{
    private static readonly ProfileLimits Standard = new(800, 2000, 0.05);

    private static Stage S(double minutes, int target) => new(TimeSpan.FromMinutes(minutes), target);

    /// <summary>Every built-in profile by name (lower case).</summary>
    public static IReadOnlyList<LoadProfile> All { get; } =
    [
        new("smoke", "constant-vus", Standard) { Description = "2 VUs for 30 s: does every step work at all", Vus = 2, Duration = TimeSpan.FromSeconds(30) },
        new("load", "ramping-vus", Standard)
        {
            Description = "the campaign shape: from 10 VUs to 50, 200 and 500 over 10 min, hold 2 min, ramp down 2 min",
            Start = 10, Stages = [S(2, 50), S(5, 200), S(3, 500), S(2, 500), S(2, 0)],
        },
        new("stress", "ramping-arrival-rate", Standard with { AbortOnFail = true, DelayAbortEval = TimeSpan.FromSeconds(30) })
        {
            Description = "open model: arrival rate climbs to 1000 iterations/s until a threshold aborts the run (breaking point)",
            Start = 10, Stages = [S(2, 100), S(3, 300), S(3, 600), S(2, 1000)], Vus = 50, MaxVus = 1000,
        },
        new("breakpoint", "ramping-arrival-rate", Standard with { AbortOnFail = true, DelayAbortEval = TimeSpan.FromSeconds(30) })
        {
            Description = "a single long arrival-rate ramp to 2000 iterations/s, stopped by the first failed threshold",
            Start = 1, Stages = [S(20, 2000)], Vus = 50, MaxVus = 2000,
        },
        new("spike", "ramping-vus", Standard)
        {
            Description = "a sudden jump from 10 to 500 VUs for 2 min, then back: does it recover",
            Start = 0, Stages = [S(0.5, 10), S(1, 10), S(1.0 / 6, 500), S(2, 500), S(1.0 / 6, 10), S(1, 10), S(0.5, 0)],
        },
        new("soak", "ramping-vus", Standard)
        {
            Description = "200 VUs held for an hour: leaks, pool exhaustion, slow degradation",
            Start = 0, Stages = [S(5, 200), S(60, 200), S(5, 0)],
        },
        new("ci", "constant-vus", Standard) { Description = "100 VUs for 5 min on every deploy", Vus = 100, Duration = TimeSpan.FromMinutes(5) },
        new("verification", "ramping-vus", new ProfileLimits(500, 1500, 0.01))
        {
            Description = "target x 1.2 headroom (600 VUs), strict thresholds, then a 30 min soak at 500 VUs",
            Start = 10, Stages = [S(2, 300), S(3, 600), S(5, 600), S(2, 500), S(30, 500), S(2, 0)],
        },
    ];

    public static LoadProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The process environment as the lookup <see cref="Resolve(string, IReadOnlyDictionary{string, string}?, Func{string, string?})"/> takes.</summary>
    public static string? ProcessEnvironment(string name) => Environment.GetEnvironmentVariable(name);

    /// <summary>
    /// Picks the profile (<c>LOADTEST_PROFILE</c>, else <paramref name="defaultProfile"/>) and applies the overrides.
    /// An unknown profile name or a refused override throws <see cref="LoadTestConfigurationException"/> (every error at
    /// once, each naming the variable, its value and what is accepted); settings that have no effect on the chosen
    /// profile are named in <see cref="ResolvedProfile.Warnings"/>, which the session prints.
    /// </summary>
    public static ResolvedProfile Resolve(string defaultProfile, IReadOnlyDictionary<string, string>? buildOverrides, Func<string, string?> environment)
    {
        var reader = new SettingsReader(environment, buildDefaults: buildOverrides);
        var profile = Select(reader, defaultProfile);
        var overrides = ProfileOverrides.Read(reader);
        reader.ThrowIfErrors();
        if (overrides.Rate is not null && profile!.Executor != "ramping-arrival-rate")
        {
            reader.Warning(SettingCodes.IgnoredSetting, overrides.Sources["rate"].Name,
                $"{overrides.Sources["rate"]} has no effect on the '{profile.Name}' profile ({profile.Executor}): a rate applies to arrival-rate profiles " +
                $"({string.Join(", ", All.Where(p => p.Executor == "ramping-arrival-rate").Select(p => p.Name))}); set {ProfileOverrides.VusVariable} for this one.");
        }
        return Apply(profile!, overrides, [.. reader.Warnings.Select(w => w.ToString())]);
    }

    /// <summary>The requested profile, else the default; an unknown name is an error (it used to run another profile).</summary>
    private static LoadProfile? Select(SettingsReader reader, string defaultProfile)
    {
        var known = string.Join(", ", All.Select(p => p.Name));
        if (reader.Find(ProfileOverrides.ProfileVariable) is { } requested)
        {
            var chosen = Find(requested.Text);
            if (chosen is null)
            {
                reader.Error(SettingCodes.UnknownProfile, requested.Name, $"{requested} is not a profile: use one of {known}.");
            }
            return chosen;
        }
        var fallback = Find(defaultProfile);
        if (fallback is null)
        {
            reader.Error(SettingCodes.UnknownProfile, "LoadTestProfile",
                $"the default profile '{defaultProfile}' (MSBuild property LoadTestProfile) is not a profile: use one of {known}, or set {ProfileOverrides.ProfileVariable}.");
        }
        return fallback;
    }

    /// <summary>The profile's executor and limits after overrides and time scale.</summary>
    public static ResolvedProfile Apply(LoadProfile profile, ProfileOverrides overrides, IReadOnlyList<string>? warnings = null)
    {
        var scale = overrides.TimeScale;
        var peak = profile.Peak;
        var total = profile.TotalDuration;
        var targetFactor = profile.Executor switch
        {
            "ramping-vus" when overrides.Vus is { } vus && peak > 0 => (double)vus / peak,
            "ramping-arrival-rate" when overrides.Rate is { } rate && peak > 0 => (double)rate / peak,
            _ => 1.0,
        };
        var timeFactor = (overrides.Duration is { } d && total > TimeSpan.Zero ? d / total : 1.0) * scale;
        // In milliseconds as a double first: a long profile times a large scale must be refused, not overflow a TimeSpan.
        var plannedMs = profile.Executor == "constant-vus"
            ? (overrides.Duration ?? profile.Duration).TotalMilliseconds * scale
            : total.TotalMilliseconds * timeFactor;
        if (plannedMs > SettingRules.MaxDuration.TotalMilliseconds)
        {
            throw new LoadTestConfigurationException(SettingCodes.PlanTooLong,
                $"the '{profile.Name}' profile with {Describe(overrides)} would run for {plannedMs / 86_400_000:0.#} days; a run lasts at most {SettingRules.MaxDuration.TotalDays:0} days. " +
                $"Lower {ProfileOverrides.TimeScaleVariable} or {ProfileOverrides.DurationVariable}.");
        }

        ExecutorConfig executor = profile.Executor switch
        {
            "constant-vus" => new ConstantVus(
                overrides.Vus ?? profile.Vus,
                ScaleTime(overrides.Duration ?? profile.Duration, scale)),
            "ramping-vus" => new RampingVus(
                ScaleTarget(profile.Start, targetFactor),
                [.. profile.Stages.Select(s => new Stage(ScaleTime(s.Duration, timeFactor), ScaleTarget(s.Target, targetFactor)))]),
            "ramping-arrival-rate" => new RampingArrivalRate(
                ScaleTarget(profile.Start, targetFactor),
                [.. profile.Stages.Select(s => new Stage(ScaleTime(s.Duration, timeFactor), ScaleTarget(s.Target, targetFactor)))],
                overrides.Vus is { } v ? Math.Min(profile.Vus, v) : profile.Vus,
                overrides.Vus ?? profile.MaxVus),
            _ => throw new InvalidOperationException($"profile '{profile.Name}' has unknown executor '{profile.Executor}'"),
        };

        return new ResolvedProfile(profile.Name, executor, profile.Limits, scale) { Warnings = warnings ?? [] };
    }

    private static string Describe(ProfileOverrides overrides) =>
        overrides.Sources.Count == 0 ? "its own numbers" : string.Join(" and ", overrides.Sources.Values.Select(s => s.ToString()));

    /// <summary>Rounded to whole milliseconds, at least 1 ms; the JS side rounds the same way.</summary>
    internal static TimeSpan ScaleTime(TimeSpan duration, double factor) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(duration.TotalMilliseconds * factor, MidpointRounding.AwayFromZero)));

    /// <summary>A target scaled by a factor; zero stays zero (ramp-downs), anything else stays at least 1.</summary>
    internal static int ScaleTarget(int target, double factor) =>
        target == 0 ? 0 : Math.Max(1, (int)Math.Round(target * factor, MidpointRounding.AwayFromZero));
}

/// <summary>A profile ready to run: the executor for the whole load and the limits its thresholds use.</summary>
public sealed record ResolvedProfile(string Name, ExecutorConfig Executor, ProfileLimits Limits, double TimeScale)
{
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The executor for one scenario that carries <paramref name="share"/> (0–1] of the load (weights between flows).</summary>
    public ExecutorConfig ExecutorFor(double share)
    {
        int T(int target) => LoadProfiles.ScaleTarget(target, share);
        return Executor switch
        {
            ConstantVus c => c with { Vus = T(c.Vus) },
            RampingVus r => r with { StartVus = T(r.StartVus), Stages = [.. r.Stages.Select(s => s with { Target = T(s.Target) })] },
            RampingArrivalRate a => a with
            {
                StartRate = T(a.StartRate),
                Stages = [.. a.Stages.Select(s => s with { Target = T(s.Target) })],
                PreAllocatedVus = T(a.PreAllocatedVus),
                MaxVus = T(a.MaxVus),
            },
            _ => Executor,
        };
    }

    /// <summary>
    /// k6 thresholds: global latency and failure limits, a p(95) limit per operation (<c>http_req_duration{name:…}</c>)
    /// and a rate limit per custom error metric. With abortOnFail profiles the global ones stop the run.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ThresholdSpec>> Thresholds(IEnumerable<string> operationNames, IEnumerable<string> errorRateMetrics)
    {
        ThresholdSpec Spec(string expression, bool abort) => new(expression)
        {
            AbortOnFail = abort && Limits.AbortOnFail,
            DelayAbortEval = abort && Limits.AbortOnFail ? Limits.DelayAbortEval : TimeSpan.Zero,
        };

        var result = new SortedDictionary<string, IReadOnlyList<ThresholdSpec>>(StringComparer.Ordinal)
        {
            ["http_req_duration"] = [Spec($"p(95)<{Limits.P95Ms.ToString(System.Globalization.CultureInfo.InvariantCulture)}", true), Spec($"p(99)<{Limits.P99Ms.ToString(System.Globalization.CultureInfo.InvariantCulture)}", false)],
            ["http_req_failed"] = [Spec($"rate<{Limits.ErrorRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}", true)],
        };
        foreach (var name in operationNames.Distinct())
        {
            result[$"http_req_duration{{name:{name}}}"] = [Spec($"p(95)<{Limits.P95Ms.ToString(System.Globalization.CultureInfo.InvariantCulture)}", false)];
        }

        foreach (var metric in errorRateMetrics.Distinct())
        {
            result[metric] = [Spec($"rate<{Limits.ErrorRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}", false)];
        }

        return result;
    }
}
