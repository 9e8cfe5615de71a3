using System.Globalization;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// A Prometheus text-format scrape (exposition format 0.0.4) of the API under test, reduced to each metric's total
/// over its label sets: enough to read how much a counter (queries run, requests handled) grew during the run.
/// </summary>
public sealed record PrometheusScrape(string Source, IReadOnlyDictionary<string, double> Totals)
{
    public double? Total(string metric) => Totals.TryGetValue(metric, out var value) ? value : null;

    /// <summary>Sums every sample of each metric name (labels dropped); comments, blank and unparsable lines are skipped.</summary>
    public static PrometheusScrape Parse(string text, string source)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            // name{labels} value [timestamp]: the value is the field after the closing brace (labels may hold spaces).
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = brace >= 0 ? line.LastIndexOf('}') : -1;
            var name = brace >= 0 ? line[..brace] : line.Split(' ', 2)[0];
            var rest = (close >= 0 ? line[(close + 1)..] : line[name.Length..]).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (name.Length == 0 || rest.Length == 0 || !double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) continue;
            totals[name] = totals.GetValueOrDefault(name) + value;
        }
        return new PrometheusScrape(source, totals);
    }

    /// <summary>Reads a scrape file; a missing or unreadable file is an LT4023 diagnostic, never an exception.</summary>
    public static (PrometheusScrape? Scrape, AnalysisDiagnostic? Problem) Load(string path)
    {
        try
        {
            return (Parse(File.ReadAllText(path), path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new AnalysisDiagnostic(DiagnosticCodes.UnreadableScrape, DiagnosticSeverity.Warning, path, null,
                $"The Prometheus scrape could not be read: {ex.Message}; the pool's demand comes from the topology instead.",
                "Save the API's /metrics text before and after the run (curl -s $BASE_URL/metrics > before.prom) and pass both files."));
        }
    }
}
