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

/// <summary>
/// What the merge needs from one instance's summary: <c>summary.json</c> written by this runtime or by k6's
/// handleSummary, or the <c>--summary-export</c> file k6 (and each k6-operator runner) writes.
/// </summary>
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
            // handleSummary nests the values under "values"; k6 --summary-export (what k6-operator runners write)
            // puts them flat beside "thresholds" and has no "type" or "contains".
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var holder = metric.Value.TryGetProperty("values", out var v) && v.ValueKind == JsonValueKind.Object ? v : metric.Value;
            foreach (var value in holder.EnumerateObject())
            {
                if (value.Value.ValueKind == JsonValueKind.Number) values[value.Name] = value.Value.GetDouble();
            }
            var kind = (metric.Value.TryGetProperty("type", out var type) ? type.GetString() : null) switch
            {
                "counter" => MetricKind.Counter,
                "gauge" => MetricKind.Gauge,
                "rate" => MetricKind.Rate,
                "trend" => MetricKind.Trend,
                null => KindOfExported(metric.Name, values),
                var other => throw new FormatException($"metric '{metric.Name}' has unknown type '{other}'"),
            };
            // The export calls a rate's value "value"; the merge reads "rate".
            if (kind == MetricKind.Rate && !values.ContainsKey("rate") && values.TryGetValue("value", out var rate)) values["rate"] = rate;
            var thresholds = metric.Value.TryGetProperty("thresholds", out var t) && t.ValueKind == JsonValueKind.Object
                ? t.EnumerateObject().Select(p => p.Name).ToArray()
                : [];
            var contains = metric.Value.TryGetProperty("contains", out var c) ? c.GetString() ?? "default"
                : kind == MetricKind.Trend && IsTimeTrend(metric.Name) ? "time" : "default";
            parsed.Add(new InstanceMetric(metric.Name, kind, contains, values, thresholds));
        }

        var checks = new List<CheckSummary>();
        var groups = new List<string>();
        if (root.TryGetProperty("root_group", out var group)) ReadGroup(group, "", checks, groups);
        return new InstanceSummary(duration, stats, parsed, checks, groups);
    }

    /// <summary>The kind of a --summary-export metric, from the values k6 exports for each kind.</summary>
    private static MetricKind KindOfExported(string name, IReadOnlyDictionary<string, double> values) =>
        values.ContainsKey("passes") || values.ContainsKey("fails") ? MetricKind.Rate
        : values.ContainsKey("count") ? MetricKind.Counter
        : values.ContainsKey("avg") || values.ContainsKey("med") || values.Keys.Any(k => k.StartsWith("p(", StringComparison.Ordinal)) ? MetricKind.Trend
        : values.ContainsKey("value") ? MetricKind.Gauge
        : throw new FormatException($"metric '{name}' has neither a type nor the values of a k6 metric");

    // k6's built-in time trends; the export does not say which trends hold durations.
    private static bool IsTimeTrend(string name)
    {
        var baseName = name.Split('{')[0];
        return baseName.StartsWith("http_req_", StringComparison.Ordinal) && baseName != "http_req_failed"
            || baseName is "iteration_duration" or "group_duration" or "ws_connecting" or "ws_session_duration" or "ws_ping";
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
