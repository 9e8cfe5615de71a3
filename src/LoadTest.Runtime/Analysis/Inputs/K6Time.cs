using System.Globalization;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>Parses the timestamps k6 writes: RFC3339Nano (--out json) or unix seconds (--out csv default).</summary>
internal static class K6Time
{
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            // Seconds, or microseconds with timeFormat=unix_micro (anything past year 5000 as seconds is micros).
            time = unix > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(unix / 1000) : DateTimeOffset.FromUnixTimeSeconds(unix);
            return true;
        }
        // .NET reads at most 7 fractional digits; RFC3339Nano has up to 9, so trim the extra (sub-100ns) digits.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7) text = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
