using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LoadTest.Runtime.Results;

/// <summary>
/// Writes <c>summary.json</c> in the shape of k6's handleSummary data and <c>summary-export.json</c> in the shape of
/// k6 <c>--summary-export</c> (values flattened; thresholds as {expression: true-if-failed}).
/// </summary>
public static class SummaryWriter
{
    public const string SummaryFileName = "summary.json";
    public const string ExportFileName = "summary-export.json";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static void WriteAll(EndOfRunSummary summary, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, SummaryFileName), Summary(summary));
        File.WriteAllBytes(Path.Combine(directory, ExportFileName), Export(summary));
    }

    /// <summary>k6 handleSummary(data) shape.</summary>
    public static byte[] Summary(EndOfRunSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WritePropertyName("root_group");
            WriteGroup(w, "", "", summary, asMaps: false);
            w.WriteStartObject("options");
            w.WriteStartArray("summaryTrendStats");
            foreach (var stat in summary.SummaryTrendStats) w.WriteStringValue(stat);
            w.WriteEndArray();
            w.WriteString("summaryTimeUnit", "");
            w.WriteBoolean("noColor", false);
            w.WriteEndObject();
            w.WriteStartObject("state");
            w.WriteBoolean("isStdOutTTY", false);
            w.WriteBoolean("isStdErrTTY", false);
            w.WriteNumber("testRunDurationMs", Math.Round(summary.Duration.TotalMilliseconds, 3));
            if (summary.Aborted)
            {
                // Not in k6's data (k6 says it with its exit code, 105 for Ctrl+C): why the run ended early, for readers
                // of the results folder when the test's own output is gone (SIGTERM to the whole dotnet test).
                w.WriteBoolean("aborted", true);
                if (summary.AbortReason is { } reason) w.WriteString("abortReason", reason);
            }
            w.WriteEndObject();
            w.WriteStartObject("metrics");
            foreach (var metric in summary.Metrics)
            {
                w.WriteStartObject(metric.Key);
                w.WriteString("type", metric.Kind.ToString().ToLowerInvariant());
                w.WriteString("contains", metric.Contains);
                w.WriteStartObject("values");
                foreach (var (name, value) in metric.Values) w.WriteNumber(name, Clean(value));
                w.WriteEndObject();
                if (metric.Thresholds.Count > 0)
                {
                    w.WriteStartObject("thresholds");
                    foreach (var threshold in metric.Thresholds)
                    {
                        w.WriteStartObject(threshold.Expression);
                        w.WriteBoolean("ok", threshold.Passed);
                        w.WriteEndObject();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>k6 --summary-export shape.</summary>
    public static byte[] Export(EndOfRunSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Indented))
        {
            w.WriteStartObject();
            w.WritePropertyName("root_group");
            WriteGroup(w, "", "", summary, asMaps: true);
            w.WriteStartObject("metrics");
            foreach (var metric in summary.Metrics)
            {
                w.WriteStartObject(metric.Key);
                foreach (var (name, value) in metric.Values)
                {
                    // The export names a rate's ratio "value".
                    w.WriteNumber(metric.Kind == Metrics.MetricKind.Rate && name == "rate" ? "value" : name, Clean(value));
                }
                if (metric.Thresholds.Count > 0)
                {
                    w.WriteStartObject("thresholds");
                    foreach (var threshold in metric.Thresholds) w.WriteBoolean(threshold.Expression, !threshold.Passed);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>k6 group/check ids are the hex MD5 of their path.</summary>
    public static string Id(string path) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(path)));

    private static void WriteGroup(Utf8JsonWriter w, string name, string path, EndOfRunSummary summary, bool asMaps)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("path", path);
        w.WriteString("id", Id(path));
        var children = summary.Groups
            .Where(g => g.StartsWith(path + "::", StringComparison.Ordinal) && !g[(path.Length + 2)..].Contains("::", StringComparison.Ordinal))
            .OrderBy(g => g, StringComparer.Ordinal)
            .ToList();
        if (asMaps) w.WriteStartObject("groups");
        else w.WriteStartArray("groups");
        foreach (var child in children)
        {
            var childName = child[(path.Length + 2)..];
            if (asMaps) w.WritePropertyName(childName);
            WriteGroup(w, childName, child, summary, asMaps);
        }
        if (asMaps) w.WriteEndObject();
        else w.WriteEndArray();

        if (asMaps) w.WriteStartObject("checks");
        else w.WriteStartArray("checks");
        foreach (var check in summary.Checks.Where(c => c.GroupPath == path).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            if (asMaps) w.WritePropertyName(check.Name);
            var checkPath = path + "::" + check.Name;
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteString("path", checkPath);
            w.WriteString("id", Id(checkPath));
            w.WriteNumber("passes", check.Passes);
            w.WriteNumber("fails", check.Fails);
            w.WriteEndObject();
        }
        if (asMaps) w.WriteEndObject();
        else w.WriteEndArray();
        w.WriteEndObject();
    }

    private static double Clean(double value) => double.IsFinite(value) ? Math.Round(value, 6) : 0;
}
