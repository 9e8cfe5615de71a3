using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>An endpoint (request series) at peak load.</summary>
public sealed record EndpointRow(string Name, string Method, long Requests, double Rps, double P50Ms, double P95Ms, double P99Ms, double ErrorRate, double Share)
{
    public string Display => EndpointName.Of(Name, Method);
}

/// <summary>How an endpoint is shown: "METHOD name", unless the name already starts with the method (as the engine's names do).</summary>
public static class EndpointName
{
    public static string Of(string name, string method) =>
        string.IsNullOrEmpty(method) || name.StartsWith(method + " ", StringComparison.OrdinalIgnoreCase) ? name : $"{method} {name}";
}

/// <summary>Endpoints at peak (windows at ≥ 95% of the highest VUs), slowest p99 first.</summary>
public static class EndpointRanking
{
    public const double PeakShare = 0.95;

    public static IReadOnlyList<EndpointRow> AtPeak(RunTimeSeries series)
    {
        if (series.Windows.Count == 0) return [];
        var maxVus = series.Windows.Max(w => w.Vus);
        var peak = series.Windows.Where(w => w.Vus >= maxVus * PeakShare).ToList();
        var total = peak.Sum(w => w.Series.Sum(s => s.Requests));
        return peak.SelectMany(w => w.Series).Select(s => (s.Name, s.Method)).Distinct()
            .Select(key =>
            {
                var a = WindowAggregate.Of(peak, s => s.Name == key.Name && s.Method == key.Method);
                return new EndpointRow(key.Name, key.Method, a.Requests, a.Rps, a.P50, a.P95, a.P99, a.ErrorRate, total > 0 ? (double)a.Requests / total : 0);
            })
            .Where(e => e.Requests > 0)
            .OrderByDescending(e => e.P99Ms)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }
}
