using System.Text.Json;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Distributed;

/// <summary>One metric of an instance's <c>summary.json</c> (k6 handleSummary shape).</summary>
public sealed record InstanceMetric(
    string Key,
    MetricKind Kind,
    string Contains,
    IReadOnlyDictionary<string, double> Values,
    IReadOnlyList<string> Thresholds);

/// <summary>What the merge needs from one instance's <c>summary.json</c>, written by this runtime or by k6's handleSummary.</summary>
public sealed record InstanceSummary(
    TimeSpan Duration,
    IReadOnlyList<string> TrendStats,
    IReadOnlyList<InstanceMetric> Metrics,
    IReadOnlyList<CheckSummary> Checks,
    IReadOnlyList<string> Groups)
{
    /// <summary>Parses the JSON text; throws <see cref="JsonException"/> or <see cref="FormatException"/> when it is not that shape.</summary>
    public static InstanceSummary Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no \"metrics\" object");
        }
        var duration = root.TryGetProperty("state", out var state) && state.TryGetProperty("testRunDurationMs", out var ms) && ms.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromMilliseconds(ms.GetDouble())
            : TimeSpan.Zero;
        var stats = root.TryGetProperty("options", out var options) && options.TryGetProperty("summaryTrendStats", out var s) && s.ValueKind == JsonValueKind.Array
            ? s.EnumerateArray().Select(e => e.GetString() ?? "").Where(e => e.Length > 0).ToArray()
            : ["avg", "min", "med", "max", "p(90)", "p(95)"];

        var parsed = new List<InstanceMetric>();
        foreach (var metric in metrics.EnumerateObject())
        {
            var kind = (metric.Value.TryGetProperty("type", out var type) ? type.GetString() : null) switch
            {
                "counter" => MetricKind.Counter,
                "gauge" => MetricKind.Gauge,
                "rate" => MetricKind.Rate,
                "trend" => MetricKind.Trend,
                var other => throw new FormatException($"metric '{metric.Name}' has unknown type '{other}'"),
            };
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            if (metric.Value.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object)
            {
                foreach (var value in v.EnumerateObject())
                {
                    if (value.Value.ValueKind == JsonValueKind.Number) values[value.Name] = value.Value.GetDouble();
                }
            }
            var thresholds = metric.Value.TryGetProperty("thresholds", out var t) && t.ValueKind == JsonValueKind.Object
                ? t.EnumerateObject().Select(p => p.Name).ToArray()
                : [];
            var contains = metric.Value.TryGetProperty("contains", out var c) ? c.GetString() ?? "default" : "default";
            parsed.Add(new InstanceMetric(metric.Name, kind, contains, values, thresholds));
        }

        var checks = new List<CheckSummary>();
        var groups = new List<string>();
        if (root.TryGetProperty("root_group", out var group)) ReadGroup(group, "", checks, groups);
        return new InstanceSummary(duration, stats, parsed, checks, groups);
    }

    private static void ReadGroup(JsonElement group, string path, List<CheckSummary> checks, List<string> groups)
    {
        if (group.TryGetProperty("checks", out var list))
        {
            foreach (var check in Items(list))
            {
                checks.Add(new CheckSummary(path, check.GetProperty("name").GetString() ?? "",
                    check.TryGetProperty("passes", out var p) ? p.GetInt64() : 0,
                    check.TryGetProperty("fails", out var f) ? f.GetInt64() : 0));
            }
        }
        if (group.TryGetProperty("groups", out var children))
        {
            foreach (var child in Items(children))
            {
                var childPath = path + "::" + (child.GetProperty("name").GetString() ?? "");
                groups.Add(childPath);
                ReadGroup(child, childPath, checks, groups);
            }
        }
    }

    // handleSummary lists groups and checks as arrays; --summary-export as maps.
    private static IEnumerable<JsonElement> Items(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray(),
        JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
        _ => [],
    };

}
