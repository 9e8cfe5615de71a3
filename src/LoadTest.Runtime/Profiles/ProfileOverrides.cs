using LoadTest.Runtime.Configuration;

namespace LoadTest.Runtime.Profiles;

/// <summary>
/// Per-run changes to a profile's numbers, from the environment (<c>LOADTEST_VUS</c>, <c>LOADTEST_DURATION</c>,
/// <c>LOADTEST_RATE</c>, <c>LOADTEST_TIME_SCALE</c>) over build-time defaults (keys <c>vus</c>, <c>duration</c>,
/// <c>rate</c>, <c>timeScale</c>). The k6 script reads the same names from <c>__ENV</c>. Values are checked by
/// <see cref="SettingRules"/>: a value outside them is an error, never ignored.
/// </summary>
public sealed record ProfileOverrides
{
    public const string ProfileVariable = LoadTestVariables.Profile;
    public const string VusVariable = LoadTestVariables.Vus;
    public const string DurationVariable = LoadTestVariables.Duration;
    public const string RateVariable = LoadTestVariables.Rate;
    public const string TimeScaleVariable = LoadTestVariables.TimeScale;

    /// <summary>Peak VUs (constant and ramping VUs) or maxVUs (arrival rate).</summary>
    public int? Vus { get; init; }
    /// <summary>Total duration: stages are stretched or shrunk in proportion.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Peak arrival rate (iterations/s) of arrival-rate profiles.</summary>
    public int? Rate { get; init; }
    /// <summary>Multiplies every duration (0.05 turns 14 minutes into 42 seconds).</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Where each override came from (for warnings that name it), by key: vus, duration, rate, timeScale.</summary>
    internal IReadOnlyDictionary<string, SettingText> Sources { get; init; } = new Dictionary<string, SettingText>();

    /// <summary>Environment first, then build defaults; refused values are recorded in <paramref name="reader"/>.</summary>
    public static ProfileOverrides Read(SettingsReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var vus = reader.Find(VusVariable, buildKey: "vus");
        var duration = reader.Find(DurationVariable, buildKey: "duration");
        var rate = reader.Find(RateVariable, buildKey: "rate");
        var scale = reader.Find(TimeScaleVariable, buildKey: "timeScale");
        var sources = new Dictionary<string, SettingText>();
        foreach (var (key, text) in new[] { ("vus", vus), ("duration", duration), ("rate", rate), ("timeScale", scale) })
        {
            if (text is { } found) sources[key] = found;
        }
        return new ProfileOverrides
        {
            Vus = reader.ReadOptional(SettingRules.Vus, vus),
            Duration = reader.ReadOptional(SettingRules.Duration, duration),
            Rate = reader.ReadOptional(SettingRules.Rate, rate),
            TimeScale = reader.Read(SettingRules.TimeScale, scale, 1.0),
            Sources = sources,
        };
    }

    /// <summary>
    /// Environment first, then build defaults. With <paramref name="problems"/> (the build's LT2014 warnings) refused
    /// values are reported there and left out; without, they throw <see cref="Execution.LoadTestConfigurationException"/>.
    /// </summary>
    public static ProfileOverrides Read(
        IReadOnlyDictionary<string, string>? buildDefaults,
        Func<string, string?> environment,
        ICollection<string>? problems = null)
    {
        var reader = new SettingsReader(environment, buildDefaults: buildDefaults);
        var overrides = Read(reader);
        if (problems is null) reader.ThrowIfErrors();
        else foreach (var error in reader.Errors) problems.Add(error.Message);
        return overrides;
    }
}
