using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Adds per-operation <c>http_reqs{name:…}</c>, <c>http_req_failed{name:…}</c> and <c>http_req_duration{name:…}</c>
/// entries to a summary from the run's time series. The engine writes per-operation sub-metrics only for thresholds,
/// but a baseline must compare every operation, with sample counts and error rates to know noise. Existing entries
/// are kept as they are.
/// </summary>
public static class SummaryEnricher
{
    public static string AddOperationCounts(string summaryJson, RunTimeSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var root = JsonNode.Parse(summaryJson) as JsonObject
            ?? throw new BaselineFormatException("summary.json", "is not a JSON object");
        if (root["metrics"] is not JsonObject metrics)
        {
            throw new BaselineFormatException("summary.json", "has no \"metrics\" object");
        }

        var seconds = root["state"]?["testRunDurationMs"] is JsonValue ms && ms.TryGetValue<double>(out var value) && value > 0
            ? value / 1000
            : series.Windows.Sum(w => w.Seconds);
        var perOperation = series.Windows
            .SelectMany(w => w.Series)
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var operation in perOperation)
        {
            long requests = operation.Sum(s => s.Requests);
            long failed = operation.Sum(s => s.Failed);
            var countKey = $"http_reqs{{name:{operation.Key}}}";
            if (!metrics.ContainsKey(countKey))
            {
                metrics[countKey] = Metric("counter", new JsonObject
                {
                    ["count"] = requests,
                    ["rate"] = seconds > 0 ? Math.Round(requests / seconds, 6) : 0,
                });
            }
            var durationKey = $"http_req_duration{{name:{operation.Key}}}";
            if (!metrics.ContainsKey(durationKey))
            {
                var merged = new Metrics.LatencyHistogram();
                foreach (var window in operation) merged.Add(window.Duration);
                metrics[durationKey] = Metric("trend", new JsonObject
                {
                    ["avg"] = Math.Round(merged.MeanMilliseconds, 3),
                    ["min"] = Math.Round(merged.MinMilliseconds, 3),
                    ["med"] = Math.Round(merged.PercentileMilliseconds(50), 3),
                    ["max"] = Math.Round(merged.MaxMilliseconds, 3),
                    ["p(90)"] = Math.Round(merged.PercentileMilliseconds(90), 3),
                    ["p(95)"] = Math.Round(merged.PercentileMilliseconds(95), 3),
                    ["p(99)"] = Math.Round(merged.PercentileMilliseconds(99), 3),
                }, contains: "time");
            }
            var failedKey = $"http_req_failed{{name:{operation.Key}}}";
            if (!metrics.ContainsKey(failedKey))
            {
                // k6 rate semantics: passes are samples whose value was true, i.e. failed requests.
                metrics[failedKey] = Metric("rate", new JsonObject
                {
                    ["rate"] = requests > 0 ? Math.Round((double)failed / requests, 6) : 0,
                    ["passes"] = failed,
                    ["fails"] = requests - failed,
                });
            }
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Metric(string type, JsonObject values, string contains = "default") => new()
    {
        ["type"] = type,
        ["contains"] = contains,
        ["values"] = values,
    };
}
