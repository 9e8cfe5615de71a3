using System.Text.Json;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Distributed;

/// <summary>The outcome of merging instance results.</summary>
/// <param name="Instances">Instance folders that gave results.</param>
/// <param name="Series">Merged time series, or null when no instance had one.</param>
/// <param name="Summary">Merged summary with thresholds judged on the merged data, or null when nothing could be read.</param>
/// <param name="Diagnostics">What could not be read or judged (LT4084–LT4087, and the k6 reader's own).</param>
public sealed record MergeResult(
    int Instances,
    RunTimeSeries? Series,
    MergedSummary? Summary,
    IReadOnlyList<AnalysisDiagnostic> Diagnostics)
{
    /// <summary>True when results were merged and every threshold passed on the merged data.</summary>
    public bool ThresholdsPassed => Summary is not null && Summary.Summary.Metrics.SelectMany(m => m.Thresholds).All(t => t.Passed);

    public IEnumerable<ThresholdOutcome> Thresholds => Summary?.Summary.Metrics.SelectMany(m => m.Thresholds) ?? [];
}

/// <summary>
/// Merges the result folders of instances that each ran one execution segment (native runs: summary.json and
/// timeseries.ndjson; k6 runs: --out json NDJSON and handleSummary JSON) into one result folder the analysis
/// and reports read like a single run. Thresholds are judged again on the merged data, because a p(95) or a
/// rate over all instances is not any one instance's. Bad input gives diagnostics, never exceptions.
/// </summary>
public static class ResultMerger
{
    /// <summary>Instances whose first windows are further apart than this probably did not run together.</summary>
    public static readonly TimeSpan StartSkewWarning = TimeSpan.FromSeconds(5);

    public const string MergeReportFileName = "merge.json";

    public static MergeResult Merge(IReadOnlyList<string> instanceResultDirs, string outputDir)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var instances = new List<(InstanceSummary? Summary, RunTimeSeries? Series)>();
        foreach (var dir in instanceResultDirs)
        {
            var instance = ReadInstance(dir, diagnostics);
            if (instance.Summary is not null || instance.Series is not null) instances.Add(instance);
        }

        var allSeries = instances.Where(i => i.Series is not null).Select(i => i.Series!).ToArray();
        var merged = allSeries.Length > 0 ? TimeSeriesMerge.Merge(allSeries) : null;
        var starts = allSeries.Where(s => s.Windows.Count > 0).Select(s => s.Windows[0].Start).ToArray();
        if (starts.Length > 1 && starts.Max() - starts.Min() > StartSkewWarning)
        {
            diagnostics.Add(new AnalysisDiagnostic("LT4087", DiagnosticSeverity.Warning, null, null,
                $"The instances started {(starts.Max() - starts.Min()).TotalSeconds:0.#} s apart, so their loads did not overlap as planned.",
                "Start all instances together (k6-operator does; for processes, start them from one script) and check their clocks are synchronised."));
        }

        // Instances without a summary (k6 --out json only) are summarised from their time series.
        var summaries = instances
            .Select(i => i.Summary ?? (i.Series is not null ? FromSeries(i.Series) : null))
            .Where(s => s is not null).Select(s => s!).ToArray();
        var aligned = instances.All(i => i.Series is not null) ? instances.Select(i => i.Series!).ToArray() : null;
        var start = merged?.Start ?? DateTimeOffset.UtcNow;
        var summary = summaries.Length > 0 ? SummaryMerge.Merge(summaries, aligned, start, "merged") : null;
        foreach (var threshold in summary?.Summary.Metrics.SelectMany(m => m.Thresholds).Where(t => t.Error is not null) ?? [])
        {
            diagnostics.Add(new AnalysisDiagnostic("LT4086", DiagnosticSeverity.Error, null, null,
                $"Threshold {threshold.Metric}: {threshold.Expression} could not be judged on the merged data: {threshold.Error}.",
                "Keep the aggregation in summaryTrendStats of every instance, or give every instance its time series."));
        }
        if (instances.Count == 0)
        {
            diagnostics.Add(new AnalysisDiagnostic("LT4084", DiagnosticSeverity.Error, null, null,
                "No instance folder had results to merge.", "Pass the folders each instance wrote its results to."));
        }

        var result = new MergeResult(instances.Count, merged, summary, diagnostics);
        Write(result, outputDir);
        return result;
    }

    private static (InstanceSummary? Summary, RunTimeSeries? Series) ReadInstance(string dir, List<AnalysisDiagnostic> diagnostics)
    {
        if (!Directory.Exists(dir))
        {
            diagnostics.Add(new AnalysisDiagnostic("LT4084", DiagnosticSeverity.Error, dir, null,
                "The instance result folder does not exist.", "Pass the folder the instance wrote summary.json and timeseries.ndjson (or k6 --out json) to."));
            return (null, null);
        }
        RunTimeSeries? series = null;
        var native = Path.Combine(dir, TimeSeriesFile.FileName);
        if (File.Exists(native))
        {
            try
            {
                series = TimeSeriesFile.Read(native);
            }
            catch (Exception ex) when (ex is IOException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
            {
                diagnostics.Add(Unreadable(native, ex));
            }
        }
        else if (FindK6Ndjson(dir) is { } k6File)
        {
            var (k6Series, k6Diagnostics) = K6NdjsonReader.Read(k6File);
            series = k6Series;
            diagnostics.AddRange(k6Diagnostics);
        }

        InstanceSummary? summary = null;
        // A k6 runner without handleSummary still has its --summary-export, which names the thresholds to judge.
        var summaryPath = Path.Combine(dir, SummaryWriter.SummaryFileName);
        if (!File.Exists(summaryPath)) summaryPath = Path.Combine(dir, SummaryWriter.ExportFileName);
        if (File.Exists(summaryPath))
        {
            try
            {
                summary = InstanceSummary.Parse(File.ReadAllText(summaryPath));
                // The export has no run duration; the time series does.
                if (summary.Duration == TimeSpan.Zero && series is { Windows.Count: > 0 })
                {
                    summary = summary with { Duration = TimeSpan.FromSeconds(series.Windows.Sum(w => w.Seconds)) };
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
            {
                diagnostics.Add(Unreadable(summaryPath, ex));
            }
        }
        if (summary is null && series is null)
        {
            diagnostics.Add(new AnalysisDiagnostic("LT4084", DiagnosticSeverity.Error, dir, null,
                "The instance result folder has no readable summary.json, timeseries.ndjson or k6 --out json file.",
                "Check the instance finished and wrote its results there (k6: --out json=FILE in that folder)."));
        }
        return (summary, series);
    }

    private static AnalysisDiagnostic Unreadable(string path, Exception ex) =>
        new("LT4085", DiagnosticSeverity.Error, path, null, $"The instance file could not be read: {ex.Message}",
            "Check the file was written by a finished run of LoadTest.Runtime or k6 and not cut or edited.");

    // k6 --out json files are found by content: the first line is a Metric or Point object.
    private static string? FindK6Ndjson(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
        {
            try
            {
                using var reader = new StreamReader(file);
                var first = reader.ReadLine();
                if (first is not null && first.TrimStart().StartsWith('{') &&
                    (first.Contains("\"type\":\"Metric\"", StringComparison.Ordinal) || first.Contains("\"type\":\"Point\"", StringComparison.Ordinal)))
                {
                    return file;
                }
            }
            catch (IOException)
            {
                // An unreadable candidate is simply not the k6 file.
            }
        }
        return null;
    }

    /// <summary>A summary of the request metrics a time series holds, for instances that wrote no summary.</summary>
    public static InstanceSummary FromSeries(RunTimeSeries series)
    {
        var requests = series.Windows.Sum(w => w.Series.Sum(s => s.Requests));
        var failed = series.Windows.Sum(w => w.Series.Sum(s => s.Failed));
        var durations = TimeSeriesMerge.Durations(series, _ => true);
        var seconds = series.Windows.Sum(w => w.Seconds);
        InstanceMetric Metric(string key, MetricKind kind, string contains, params (string, double)[] values) =>
            new(key, kind, contains, values.ToDictionary(v => v.Item1, v => v.Item2), []);
        return new InstanceSummary(
            TimeSpan.FromSeconds(seconds),
            ["avg", "min", "med", "max", "p(90)", "p(95)"],
            [
                Metric("http_reqs", MetricKind.Counter, "default", ("count", requests)),
                // http_req_failed counts failures as its "true" (passes) values.
                Metric("http_req_failed", MetricKind.Rate, "default", ("passes", failed), ("fails", requests - failed)),
                Metric("iterations", MetricKind.Counter, "default", ("count", series.Windows.Sum(w => w.Iterations))),
                Metric("http_req_duration", MetricKind.Trend, "time",
                    ("avg", durations.MeanMilliseconds), ("min", durations.MinMilliseconds), ("max", durations.MaxMilliseconds)),
            ],
            [],
            []);
    }

    private static void Write(MergeResult result, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        if (result.Series is not null)
        {
            using var stream = File.Create(Path.Combine(outputDir, TimeSeriesFile.FileName));
            TimeSeriesFile.Write(result.Series, stream);
        }
        if (result.Summary is not null) SummaryWriter.WriteAll(result.Summary.Summary, outputDir);

        using var report = File.Create(Path.Combine(outputDir, MergeReportFileName));
        using var w = new Utf8JsonWriter(report, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("instances", result.Instances);
        w.WriteBoolean("thresholdsPassed", result.ThresholdsPassed);
        w.WriteStartArray("approximated");
        foreach (var key in result.Summary?.Approximated ?? []) w.WriteStringValue(key);
        w.WriteEndArray();
        w.WriteStartArray("thresholds");
        foreach (var t in result.Thresholds)
        {
            w.WriteStartObject();
            w.WriteString("metric", t.Metric);
            w.WriteString("expression", t.Expression);
            w.WriteBoolean("passed", t.Passed);
            if (t.Observed is { } observed) w.WriteNumber("observed", observed);
            if (t.Error is { } error) w.WriteString("error", error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("diagnostics");
        foreach (var d in result.Diagnostics) w.WriteStringValue(d.ToString());
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
