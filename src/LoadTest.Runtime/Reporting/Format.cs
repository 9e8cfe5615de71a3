using System.Globalization;

namespace LoadTest.Runtime.Reporting;

/// <summary>Number formatting shared by the writers (invariant culture: reports must not change with the machine's locale).</summary>
internal static class Format
{
    public static string Ms(double ms) => ms >= 100 ? $"{ms.ToString("#,0", CultureInfo.InvariantCulture)}ms" : $"{ms.ToString("0.#", CultureInfo.InvariantCulture)}ms";

    public static string Ms(double? ms) => ms is { } v ? Ms(v) : "n/a";

    public static string Rate(double rate) => rate.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString(value >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture);

    public static string Money(decimal value, string currency) =>
        (currency == "USD" ? "$" : currency + " ") + value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string SignedMoney(decimal value, string currency) =>
        value == 0 ? Money(0, currency) : (value > 0 ? "+" : "-") + Money(Math.Abs(value), currency);

    /// <summary>"42s", "14m 0s", "1h 2m".</summary>
    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h {t.Minutes}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m {t.Seconds}s" : $"{t.Seconds}s";
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Escapes Markdown table cell text (pipes would split the cell).</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
