using System.Text.Json;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Reads k6 handleSummary JSON (<c>summary.json</c>, from this engine or from k6 itself) into a <see cref="SummarySnapshot"/>.
/// Per-operation figures come from sub-metrics such as <c>http_req_duration{name:POST /api/orders}</c>.
/// </summary>
public static class SummarySnapshotReader
{
    /// <summary>Parses summary JSON; throws <see cref="BaselineFormatException"/> (LT4071) when it is not a k6 summary.</summary>
    public static SummarySnapshot Read(string summaryJson, string source = "summary.json")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(summaryJson);
        }
        catch (JsonException exception)
        {
            throw new BaselineFormatException(source, $"is not valid JSON (line {exception.LineNumber + 1}: {exception.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("metrics", out var metrics)
                || metrics.ValueKind != JsonValueKind.Object)
            {
                throw new BaselineFormatException(source, "has no \"metrics\" object (expected k6 handleSummary data, as in summary.json)");
            }

            double? durationSeconds = null;
            if (document.RootElement.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object
                && state.TryGetProperty("testRunDurationMs", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.GetDouble() > 0)
            {
                durationSeconds = ms.GetDouble() / 1000;
            }

            var global = new Accumulator();
            var operations = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
            foreach (var metric in metrics.EnumerateObject())
            {
                if (!MetricKey.TryParse(metric.Name, out var key) || metric.Value.ValueKind != JsonValueKind.Object) continue;
                if (!metric.Value.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Object) continue;
                Accumulator target;
                if (key.Operation is null) target = global;
                else if (!operations.TryGetValue(key.Operation, out target!)) operations[key.Operation] = target = new Accumulator();
                target.Add(key, values);
            }

            return new SummarySnapshot(
                global.Build(SummarySnapshot.AllRequests, durationSeconds),
                operations.ToDictionary(o => o.Key, o => o.Value.Build(o.Key, durationSeconds), StringComparer.Ordinal));
        }
    }

    /// <summary>Collects one series' values; a sub-metric with fewer tags wins over one with more (name beats name+method).</summary>
    private sealed class Accumulator
    {
        private readonly Dictionary<string, (int Tags, JsonElement Values)> _byMetric = new(StringComparer.Ordinal);

        public void Add(MetricKey key, JsonElement values)
        {
            if (_byMetric.TryGetValue(key.Metric, out var existing) && existing.Tags <= key.TagCount) return;
            _byMetric[key.Metric] = (key.TagCount, values.Clone());
        }

        public SeriesStats Build(string operation, double? durationSeconds)
        {
            var duration = Values("http_req_duration");
            var reqs = Values("http_reqs");
            var failed = Values("http_req_failed");

            long? requests = Number(reqs, "count") is { } count ? (long)Math.Round(count)
                : Number(duration, "count") is { } trendCount ? (long)Math.Round(trendCount)
                : Number(failed, "passes") is { } passes && Number(failed, "fails") is { } fails ? (long)Math.Round(passes + fails)
                : null;
            var throughput = Number(reqs, "rate")
                ?? (requests is { } n && durationSeconds is { } seconds ? n / seconds : null);

            return new SeriesStats(operation, Number(duration, "p(95)"), Number(duration, "p(99)"), Number(duration, "avg"),
                requests, Number(failed, "rate"), throughput);
        }

        private JsonElement? Values(string metric) => _byMetric.TryGetValue(metric, out var entry) ? entry.Values : null;

        private static double? Number(JsonElement? values, string name) =>
            values is { } v && v.TryGetProperty(name, out var number) && number.ValueKind == JsonValueKind.Number
                && double.IsFinite(number.GetDouble())
                ? number.GetDouble()
                : null;
    }
}

/// <summary>A summary key split into the metric and the operation (k6 tag <c>name</c>); other tags disqualify the key.</summary>
internal readonly record struct MetricKey(string Metric, string? Operation, int TagCount)
{
    private static readonly HashSet<string> Compared = ["http_req_duration", "http_reqs", "http_req_failed"];

    public static bool TryParse(string text, out MetricKey key)
    {
        key = default;
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        var metric = brace < 0 ? text : text[..brace];
        if (!Compared.Contains(metric)) return false;
        if (brace < 0)
        {
            key = new MetricKey(metric, null, 0);
            return true;
        }
        if (!text.EndsWith('}')) return false;

        var tags = new List<KeyValuePair<string, string>>();
        foreach (var part in text[(brace + 1)..^1].Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            // A comma inside a name value (no colon after it) belongs to the previous tag's value.
            if (colon < 0 && tags.Count > 0) tags[^1] = new(tags[^1].Key, tags[^1].Value + "," + part);
            else if (colon > 0) tags.Add(new(part[..colon].Trim(), part[(colon + 1)..]));
            else return false;
        }

        // Series split by anything but name/method (expected_response, status, scenario) are not operations.
        if (tags.Any(t => t.Key is not ("name" or "method"))) return false;
        var name = tags.FirstOrDefault(t => t.Key == "name").Value;
        if (string.IsNullOrEmpty(name)) return false;
        key = new MetricKey(metric, name, tags.Count);
        return true;
    }
}
