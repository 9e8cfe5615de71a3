using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Metrics;

/// <summary>
/// A metric or k6 sub-metric key: <c>http_req_duration</c> or <c>http_req_duration{name:POST /api/orders,method:POST}</c>.
/// </summary>
public sealed record MetricSelector(string Metric, IReadOnlyList<KeyValuePair<string, string>> Filter)
{
    /// <summary>The canonical key, as written in the summary (k6 keeps the user's spelling; we normalise spaces only).</summary>
    public string Key => Filter.Count == 0 ? Metric : $"{Metric}{{{string.Join(",", Filter.Select(f => $"{f.Key}:{f.Value}"))}}}";

    public bool IsSubMetric => Filter.Count > 0;

    /// <summary>Parses a threshold key the way k6 does (first ':' splits key from value; quotes and spaces trimmed).</summary>
    public static MetricSelector Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var trimmed = key.Trim();
        var brace = trimmed.IndexOf('{');
        var name = brace < 0 ? trimmed : trimmed[..brace].Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new LoadTestConfigurationException("LT4043",
                $"invalid metric name '{name}' in threshold key '{key}': use letters, digits and '_' (e.g. http_req_duration).");
        }
        if (brace < 0) return new MetricSelector(name, []);
        if (!trimmed.EndsWith('}'))
        {
            throw new LoadTestConfigurationException("LT4043",
                $"threshold key '{key}' opens '{{' but does not end with '}}': write e.g. http_req_duration{{name:GET /items,method:GET}}.");
        }
        var body = trimmed[(brace + 1)..^1];
        var filter = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split(','))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0)
            {
                throw new LoadTestConfigurationException("LT4043",
                    $"threshold key '{key}': tag filter '{part.Trim()}' is not 'tag:value'.");
            }
            var tag = Unquote(part[..colon]);
            var value = Unquote(part[(colon + 1)..]);
            if (tag.Length == 0)
            {
                throw new LoadTestConfigurationException("LT4043", $"threshold key '{key}': empty tag name in '{part.Trim()}'.");
            }
            filter.Add(new(tag, value));
        }
        return new MetricSelector(name, filter);
    }

    private static string Unquote(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && (t[0] == '"' || t[0] == '\'') && t[^1] == t[0]) t = t[1..^1];
        return t;
    }
}
