using System.Globalization;
using LoadTest.Runtime.Profiles;

namespace LoadTest.Runtime.Configuration;

/// <summary>Parses a setting's text; false when it is not acceptable.</summary>
public delegate bool SettingParser<T>(string text, out T value);

/// <summary>How one kind of setting is read: its code, what it accepts (for the message) and the parser.</summary>
public sealed record SettingRule<T>(string Code, string Accepted, SettingParser<T> Parse)
{
    /// <summary>The error for a value <see cref="Parse"/> refused: names the setting, the value and what is accepted.</summary>
    public SettingProblem Problem(SettingText text) =>
        new(Code, text.Name, $"{text} is not accepted: use {Accepted}.");
}

/// <summary>
/// The accepted values of every run setting. Bounds exist so nothing overflows later (a duration of 99999999999h,
/// a time scale of 1e308) and so a typo such as 99999999999 VUs is refused rather than attempted.
/// </summary>
public static class SettingRules
{
    public const int MaxVus = 1_000_000;
    public const int MaxRate = 1_000_000;
    public const double MaxTimeScale = 1000;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    /// <summary>Longest think time per step, in seconds.</summary>
    public const double MaxThinkSeconds = 3600;

    public static SettingRule<int> Vus { get; } = new(SettingCodes.InvalidVus,
        $"a whole number of VUs from 1 to {MaxVus}, e.g. 50", (string t, out int v) => TryWhole(t, 1, MaxVus, out v));

    public static SettingRule<int> Rate { get; } = new(SettingCodes.InvalidRate,
        $"a whole number of iterations per second from 1 to {MaxRate}, e.g. 200", (string t, out int v) => TryWhole(t, 1, MaxRate, out v));

    public static SettingRule<TimeSpan> Duration { get; } = new(SettingCodes.InvalidDuration,
        "a k6 duration above 0 and at most 744h (31 days), e.g. 90s, 5m or 1h30m", TryDuration);

    public static SettingRule<double> TimeScale { get; } = new(SettingCodes.InvalidTimeScale,
        $"a number above 0 and at most {MaxTimeScale.ToString(CultureInfo.InvariantCulture)}, e.g. 0.05 (14 minutes become 42 seconds) or 2", TryTimeScale);

    public static SettingRule<(double Min, double Max)> ThinkTime { get; } = new(SettingCodes.InvalidThinkTime,
        $"seconds as \"min-max\" or one number, from 0 to {MaxThinkSeconds.ToString(CultureInfo.InvariantCulture)}, e.g. 1-3 or 0 for none", TryThinkTime);

    public static SettingRule<bool> Switch { get; } = new(SettingCodes.InvalidSwitch,
        "1, true, yes or on to turn it on, 0, false, no or off to turn it off", TrySwitch);

    public static SettingRule<int> Seed { get; } = new(SettingCodes.InvalidSeed,
        "a whole number from -2147483648 to 2147483647, e.g. 42", (string t, out int v) => TryWhole(t, int.MinValue, int.MaxValue, out v));

    public static SettingRule<int> MaxConnectionsPerHost { get; } = new(SettingCodes.InvalidMaxConnections,
        $"a whole number >= 0, e.g. 2000, or 0 for one connection per busy VU as in k6 (unset: {Execution.RunSettings.DefaultMaxConnectionsPerHost})",
        (string t, out int v) => TryWhole(t, 0, int.MaxValue, out v));

    public static SettingRule<string> Path { get; } = new(SettingCodes.InvalidPath,
        "a file or folder path without control characters", TryPath);

    public static bool TryWhole(string text, long min, long max, out int value)
    {
        value = 0;
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max) return false;
        value = (int)parsed;
        return true;
    }

    public static bool TryDuration(string text, out TimeSpan value) =>
        K6Duration.TryParse(text, out value) && value > TimeSpan.Zero && value <= MaxDuration;

    public static bool TryTimeScale(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value > 0 && value <= MaxTimeScale;

    public static bool TryThinkTime(string text, out (double Min, double Max) value)
    {
        value = default;
        if (!Payloads.Payload.TryParseRange(text, out var min, out var max) || !double.IsFinite(max) || max > MaxThinkSeconds) return false;
        value = (min, max);
        return true;
    }

    public static bool TrySwitch(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "1" or "true" or "yes" or "on":
                value = true;
                return true;
            case "0" or "false" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryPath(string text, out string value)
    {
        value = text.Trim();
        return value.Length > 0 && !value.Any(char.IsControl) && value.IndexOfAny(System.IO.Path.GetInvalidPathChars()) < 0;
    }
}
