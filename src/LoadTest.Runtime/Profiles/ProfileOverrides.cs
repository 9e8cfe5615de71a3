using System.Globalization;

namespace LoadTest.Runtime.Profiles;

/// <summary>
/// Per-run changes to a profile's numbers, from the environment (<c>LOADTEST_VUS</c>, <c>LOADTEST_DURATION</c>,
/// <c>LOADTEST_RATE</c>, <c>LOADTEST_TIME_SCALE</c>) over build-time defaults (keys <c>vus</c>, <c>duration</c>,
/// <c>rate</c>, <c>timeScale</c>). The k6 script reads the same names from <c>__ENV</c>.
/// </summary>
public sealed record ProfileOverrides
{
    public const string ProfileVariable = "LOADTEST_PROFILE";
    public const string VusVariable = "LOADTEST_VUS";
    public const string DurationVariable = "LOADTEST_DURATION";
    public const string RateVariable = "LOADTEST_RATE";
    public const string TimeScaleVariable = "LOADTEST_TIME_SCALE";

    /// <summary>Peak VUs (constant and ramping VUs) or maxVUs (arrival rate).</summary>
    public int? Vus { get; init; }
    /// <summary>Total duration: stages are stretched or shrunk in proportion.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Peak arrival rate (iterations/s) of arrival-rate profiles.</summary>
    public int? Rate { get; init; }
    /// <summary>Multiplies every duration (0.05 turns 14 minutes into 42 seconds).</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Environment first, then build defaults; unparsable values are ignored and reported in <paramref name="problems"/>.</summary>
    public static ProfileOverrides Read(
        IReadOnlyDictionary<string, string>? buildDefaults,
        Func<string, string?> environment,
        ICollection<string>? problems = null)
    {
        string? Value(string variable, string key) =>
            NonEmpty(environment(variable)) ?? (buildDefaults is not null && buildDefaults.TryGetValue(key, out var v) ? NonEmpty(v) : null);

        int? Int(string variable, string key)
        {
            var text = Value(variable, key);
            if (text is null)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                return n;
            }

            problems?.Add($"{variable}='{text}' is not a whole number; ignored");
            return null;
        }

        var durationText = Value(DurationVariable, "duration");
        TimeSpan? duration = null;
        if (durationText is not null)
        {
            duration = K6Duration.TryParse(durationText, out var d) ? d : null;
            if (duration is null)
            {
                problems?.Add($"{DurationVariable}='{durationText}' is not a duration like 90s, 5m or 1h30m; ignored");
            }
        }

        var scaleText = Value(TimeScaleVariable, "timeScale");
        var scale = 1.0;
        if (scaleText is not null &&
            !(double.TryParse(scaleText, NumberStyles.Float, CultureInfo.InvariantCulture, out scale) && scale > 0))
        {
            problems?.Add($"{TimeScaleVariable}='{scaleText}' is not a positive number; ignored");
            scale = 1.0;
        }

        return new ProfileOverrides
        {
            Vus = Int(VusVariable, "vus"),
            Rate = Int(RateVariable, "rate"),
            Duration = duration,
            TimeScale = scale,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
