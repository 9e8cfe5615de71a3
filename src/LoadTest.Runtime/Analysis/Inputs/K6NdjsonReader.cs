using System.Text.Json;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// Reads k6 <c>--out json</c>: <c>{"type":"Metric",...}</c> lines then
/// <c>{"type":"Point","metric":m,"data":{"time":RFC3339Nano,"value":v,"tags":{...}}}</c> lines, into one-second windows.
/// Bad lines are reported (first few) and skipped; a run cut short still gives what it has.
/// </summary>
public static class K6NdjsonReader
{
    private const int MaxReportedBadLines = 5;

    public static (RunTimeSeries? Series, IReadOnlyList<AnalysisDiagnostic> Diagnostics) Read(string path)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var builder = new TimeSeriesBuilder();
        var badLines = 0;
        try
        {
            using var reader = InputFile.OpenText(path);
            string? line;
            var number = 0;
            while ((line = reader.ReadLine()) is not null)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (!TryReadPoint(line, builder)) 
                {
                    badLines++;
                    if (badLines <= MaxReportedBadLines)
                    {
                        diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableNdjsonLine, DiagnosticSeverity.Warning, path, number,
                            "The line is not a k6 Metric or Point object and was skipped.",
                            "Check the file was written by k6 run --out json=FILE and not cut short."));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableTimeSeries, DiagnosticSeverity.Error, path, null,
                $"The file could not be read: {ex.Message}", "Check the path and permissions."));
        }
        if (badLines > MaxReportedBadLines)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableNdjsonLine, DiagnosticSeverity.Warning, path, null,
                $"{badLines} lines in all were skipped.", "Check the file was written by k6 run --out json=FILE."));
        }
        return (builder.Build(), diagnostics);
    }

    private static bool TryReadPoint(string line, TimeSeriesBuilder builder)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String) return false;
            if (type.GetString() == "Metric") return true;
            if (type.GetString() != "Point") return false;
            var metric = root.GetProperty("metric").GetString() ?? "";
            var data = root.GetProperty("data");
            if (!K6Time.TryParse(data.GetProperty("time").GetString() ?? "", out var time)) return false;
            var value = data.GetProperty("value").GetDouble();
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (data.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in t.EnumerateObject())
                {
                    tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString() ?? "" : tag.Value.GetRawText();
                }
            }
            builder.AddPoint(metric, time, value, tags);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
