using System.Text.Json;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// Reads k6 end-of-test JSON in either shape: handleSummary data (<c>metrics.X = {type, contains, values,
/// thresholds: {expr: {ok}}}</c>) or <c>--summary-export</c> (<c>metrics.X = {avg, …, thresholds: {expr: failed}}</c>).
/// </summary>
public static class K6SummaryReader
{
    /// <summary>True when the document looks like k6 end-of-test JSON (has a metrics object).</summary>
    public static bool LooksLikeSummary(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("metrics", out var m) && m.ValueKind == JsonValueKind.Object;

    public static (RunSummary? Summary, ResultsFormat Format, AnalysisDiagnostic? Problem) Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(InputFile.ReadAllText(path));
            if (!LooksLikeSummary(doc.RootElement))
            {
                return (null, ResultsFormat.None, new AnalysisDiagnostic(DiagnosticCodes.UnreadableSummary, DiagnosticSeverity.Error, path, 1,
                    "The JSON has no top-level \"metrics\" object, so it is not k6 summary data.",
                    "Pass the file written by handleSummary (JSON.stringify(data)) or by k6 run --summary-export."));
            }
            var (summary, format) = Parse(doc.RootElement);
            return (summary, format, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or InvalidDataException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? (int)l + 1 : (int?)null;
            return (null, ResultsFormat.None, new AnalysisDiagnostic(DiagnosticCodes.UnreadableSummary, DiagnosticSeverity.Error, path, line,
                $"The summary could not be read: {ex.Message}",
                "Check the file is complete JSON (a run killed mid-write leaves it cut short); re-run or pass the time series only."));
        }
    }

    public static (RunSummary Summary, ResultsFormat Format) Parse(JsonElement root)
    {
        var metrics = new List<SummaryMetric>();
        var isHandleSummary = false;
        foreach (var property in root.GetProperty("metrics").EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object) continue;
            if (property.Value.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object)
            {
                isHandleSummary = true;
                metrics.Add(ReadHandleSummaryMetric(property.Name, property.Value, values));
            }
            else
            {
                metrics.Add(ReadExportMetric(property.Name, property.Value));
            }
        }
        double? duration = root.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.Object &&
                           state.TryGetProperty("testRunDurationMs", out var d) && d.ValueKind == JsonValueKind.Number
            ? d.GetDouble()
            : null;
        var checks = new List<CheckResult>();
        if (root.TryGetProperty("root_group", out var group)) CollectChecks(group, checks);
        var abortReason = state.ValueKind == JsonValueKind.Object && state.TryGetProperty("abortReason", out var reason) && reason.ValueKind == JsonValueKind.String
            ? reason.GetString()
            : null;
        return (new RunSummary(duration, metrics, checks) { AbortReason = abortReason }, isHandleSummary ? ResultsFormat.K6HandleSummary : ResultsFormat.K6SummaryExport);
    }

    private static SummaryMetric ReadHandleSummaryMetric(string name, JsonElement metric, JsonElement values)
    {
        var thresholds = new List<ThresholdResult>();
        if (metric.TryGetProperty("thresholds", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var th in t.EnumerateObject())
            {
                var ok = th.Value.ValueKind == JsonValueKind.Object && th.Value.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
                thresholds.Add(new ThresholdResult(name, th.Name, ok));
            }
        }
        return new SummaryMetric(name, Text(metric, "type") ?? "unknown", Text(metric, "contains") ?? "default", Numbers(values), thresholds);
    }

    private static SummaryMetric ReadExportMetric(string name, JsonElement metric)
    {
        var thresholds = new List<ThresholdResult>();
        if (metric.TryGetProperty("thresholds", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            // --summary-export writes true when the threshold FAILED (k6 issue #1498, kept for compatibility).
            foreach (var th in t.EnumerateObject())
            {
                thresholds.Add(new ThresholdResult(name, th.Name, th.Value.ValueKind == JsonValueKind.False));
            }
        }
        var values = Numbers(metric);
        return new SummaryMetric(name, InferType(values), "default", values, thresholds);
    }

    // The export drops the type; the value keys give it away.
    private static string InferType(IReadOnlyDictionary<string, double> values) =>
        values.ContainsKey("passes") || values.ContainsKey("fails") ? "rate"
        : values.ContainsKey("count") ? "counter"
        : values.ContainsKey("avg") || values.ContainsKey("med") || values.Keys.Any(k => k.StartsWith("p(", StringComparison.Ordinal)) ? "trend"
        : "gauge";

    private static Dictionary<string, double> Numbers(JsonElement obj)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Number) result[p.Name] = p.Value.GetDouble();
        }
        return result;
    }

    private static void CollectChecks(JsonElement group, List<CheckResult> into)
    {
        if (group.ValueKind != JsonValueKind.Object) return;
        if (group.TryGetProperty("checks", out var checks))
        {
            // handleSummary has an array; old --summary-export has an object keyed by check name.
            var items = checks.ValueKind == JsonValueKind.Array ? checks.EnumerateArray().ToList()
                : checks.ValueKind == JsonValueKind.Object ? checks.EnumerateObject().Select(p => p.Value).ToList()
                : [];
            foreach (var c in items.Where(c => c.ValueKind == JsonValueKind.Object))
            {
                into.Add(new CheckResult(Text(c, "name") ?? "", Text(c, "path") ?? "", Long(c, "passes"), Long(c, "fails")));
            }
        }
        if (group.TryGetProperty("groups", out var groups))
        {
            var items = groups.ValueKind == JsonValueKind.Array ? groups.EnumerateArray().ToList()
                : groups.ValueKind == JsonValueKind.Object ? groups.EnumerateObject().Select(p => p.Value).ToList()
                : [];
            foreach (var g in items) CollectChecks(g, into);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
