using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Adds per-operation <c>http_reqs{name:…}</c> and <c>http_req_failed{name:…}</c> entries to a summary from the run's
/// time series. The engine writes per-operation sub-metrics only for thresholds (latency), but sample counts and error
/// rates per operation are what make a baseline comparison noise-aware. Existing entries are kept as they are.
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

    private static JsonObject Metric(string type, JsonObject values) => new()
    {
        ["type"] = type,
        ["contains"] = "default",
        ["values"] = values,
    };
}
