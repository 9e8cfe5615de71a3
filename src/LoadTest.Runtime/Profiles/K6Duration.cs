using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadTest.Runtime.Profiles;

/// <summary>k6 duration text: <c>1h30m</c>, <c>90s</c>, <c>500ms</c>, or a bare number of seconds.</summary>
public static partial class K6Duration
{
    [GeneratedRegex(@"^(?:(\d+(?:\.\d+)?)(h|ms|m|s))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s)")]
    private static partial Regex Part();

    public static bool TryParse(string text, out TimeSpan duration)
    {
        text = text.Trim();
        duration = TimeSpan.Zero;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TryFromMilliseconds(seconds * 1000, out duration);
        }

        if (!Whole().IsMatch(text))
        {
            return false;
        }

        var ms = 0.0;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ms += m.Groups[2].Value switch { "h" => n * 3_600_000, "m" => n * 60_000, "s" => n * 1000, _ => n };
        }

        return TryFromMilliseconds(ms, out duration);
    }

    // 99999999999h is valid k6 text but no TimeSpan: refused rather than thrown (OverflowException).
    private static bool TryFromMilliseconds(double ms, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!double.IsFinite(ms) || ms < 0 || ms >= TimeSpan.MaxValue.TotalMilliseconds) return false;
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>Whole seconds as <c>42s</c>, otherwise milliseconds as <c>4200ms</c> (both k6 and Go parse these).</summary>
    public static string Format(TimeSpan duration)
    {
        var ms = (long)Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero);
        return ms % 1000 == 0
            ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
