using System.Text.Json;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// Finds and reads results: a directory of native results (summary.json + timeseries.ndjson) or of k6 files,
/// or a single k6 file (handleSummary JSON, --summary-export JSON, --out json NDJSON, --out csv CSV).
/// The format is recognised from content, not from the file name. Never throws for bad input.
/// </summary>
public static class ResultsLoader
{
    public const string SummaryFileName = "summary.json";

    public static LoadedResults Load(string path)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var formats = new List<ResultsFormat>();
        RunSummary? summary = null;
        RunTimeSeries? series = null;

        IEnumerable<string> files;
        if (Directory.Exists(path))
        {
            files = CandidateFiles(path);
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.ResultsNotFound, DiagnosticSeverity.Error, path, null,
                "No results were found at this path.",
                "Pass the results directory written by the run, or a k6 output file (handleSummary JSON, --summary-export, --out json, --out csv)."));
            return new LoadedResults(path, formats, null, null, diagnostics);
        }

        foreach (var file in files)
        {
            var kind = Sniff(file);
            switch (kind)
            {
                case FileKind.NativeTimeSeries when series is null:
                    try
                    {
                        series = TimeSeriesFile.Read(file);
                        formats.Add(ResultsFormat.Native);
                    }
                    catch (Exception ex) when (ex is JsonException or IOException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
                    {
                        diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableTimeSeries, DiagnosticSeverity.Error, file, null,
                            $"The time series could not be read: {ex.Message}", "Re-run the test; the report uses the summary only."));
                    }
                    break;
                case FileKind.Summary when summary is null:
                    var (s, format, problem) = K6SummaryReader.Read(file);
                    if (problem is not null) diagnostics.Add(problem);
                    if (s is not null)
                    {
                        summary = s;
                        formats.Add(format);
                    }
                    break;
                case FileKind.K6Ndjson when series is null:
                    var ndjson = K6NdjsonReader.Read(file);
                    diagnostics.AddRange(ndjson.Diagnostics);
                    if (ndjson.Series is not null)
                    {
                        series = ndjson.Series;
                        formats.Add(ResultsFormat.K6Ndjson);
                    }
                    break;
                case FileKind.K6Csv when series is null:
                    var csv = K6CsvReader.Read(file);
                    diagnostics.AddRange(csv.Diagnostics);
                    if (csv.Series is not null)
                    {
                        series = csv.Series;
                        formats.Add(ResultsFormat.K6Csv);
                    }
                    break;
                case FileKind.Unknown when !Directory.Exists(path):
                    diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnknownResultsFormat, DiagnosticSeverity.Error, file, 1,
                        "The file is not a format the analysis reads.",
                        "Pass k6 handleSummary JSON, --summary-export JSON, --out json NDJSON, --out csv CSV, or a native results directory."));
                    break;
            }
        }

        if (summary is null && series is null && diagnostics.Count == 0)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.ResultsNotFound, DiagnosticSeverity.Error, path, null,
                "The directory holds no summary or time series.",
                "Check the run wrote its results here (summary.json, timeseries.ndjson) or copy the k6 output files into it."));
        }
        else if (series is null)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.NoTimeSeries, DiagnosticSeverity.Warning, path, null,
                "No time series was found, so stages, breaking point and charts cannot be computed; only totals are reported.",
                "Keep timeseries.ndjson, or run k6 with --out json=results.ndjson (or --out csv=results.csv) next to the summary."));
        }
        return new LoadedResults(path, formats, summary, series, diagnostics);
    }

    // Native files first so a directory with both native and k6 files prefers the native ones.
    private static IEnumerable<string> CandidateFiles(string directory)
    {
        var preferred = new[] { TimeSeriesFile.FileName, SummaryFileName }
            .Select(name => Path.Combine(directory, name))
            .Where(File.Exists);
        var others = Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                        || f.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            .Where(f => !IsOurOutput(f))
            .Order(StringComparer.Ordinal);
        return preferred.Concat(others).Distinct(StringComparer.Ordinal).ToList();
    }

    // Our own outputs live beside the inputs; reading them back as inputs would be wrong.
    private static bool IsOurOutput(string file) =>
        Path.GetFileName(file) is "report.json" or "verification-profile.json" or "capacity-plan.json";

    internal enum FileKind
    {
        Unknown,
        Summary,
        NativeTimeSeries,
        K6Ndjson,
        K6Csv,
    }

    internal static FileKind Sniff(string file)
    {
        string? first;
        try
        {
            using var reader = InputFile.OpenText(file);
            first = reader.ReadLine();
            while (first is not null && string.IsNullOrWhiteSpace(first)) first = reader.ReadLine();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return FileKind.Unknown;
        }
        if (first is null) return FileKind.Unknown;
        var trimmed = first.TrimStart('\uFEFF', ' ', '\t');
        if (trimmed.StartsWith("metric_name,", StringComparison.Ordinal)) return FileKind.K6Csv;
        if (!trimmed.StartsWith('{')) return FileKind.Unknown;
        // One-line JSON objects with a "type" are NDJSON; a summary is a single (usually multi-line) document.
        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            if (doc.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                return type.GetString() switch
                {
                    "Run" or "Stage" or "Window" => FileKind.NativeTimeSeries,
                    "Metric" or "Point" => FileKind.K6Ndjson,
                    _ => FileKind.Unknown,
                };
            }
            return K6SummaryReader.LooksLikeSummary(doc.RootElement) ? FileKind.Summary : FileKind.Unknown;
        }
        catch (JsonException)
        {
            // First line is not a whole object: a pretty-printed document. A summary if it has "metrics";
            // if it does not parse at all, let the summary reader report it (a cut-short summary.json).
            try
            {
                using var whole = JsonDocument.Parse(InputFile.ReadAllText(file));
                return K6SummaryReader.LooksLikeSummary(whole.RootElement) ? FileKind.Summary : FileKind.Unknown;
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                return FileKind.Summary;
            }
        }
    }
}
