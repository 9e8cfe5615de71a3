using System.Globalization;
using System.Text;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis.Inputs;

/// <summary>
/// Reads k6 <c>--out csv</c>: a header (metric_name,timestamp,metric_value,check,error,error_code,expected_response,
/// group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags) then one row per sample.
/// Columns are found by header name so k6 versions that add columns still read.
/// </summary>
public static class K6CsvReader
{
    private const int MaxReportedBadLines = 5;

    public static (RunTimeSeries? Series, IReadOnlyList<AnalysisDiagnostic> Diagnostics) Read(string path)
    {
        var diagnostics = new List<AnalysisDiagnostic>();
        var builder = new TimeSeriesBuilder();
        try
        {
            using var reader = InputFile.OpenText(path);
            var header = reader.ReadLine();
            if (header is null) return (null, diagnostics);
            var columns = SplitCsv(header.TrimStart('\uFEFF'));
            var index = columns.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
            if (!index.TryGetValue("metric_name", out var metricCol) || !index.TryGetValue("timestamp", out var timeCol) || !index.TryGetValue("metric_value", out var valueCol))
            {
                diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableCsvLine, DiagnosticSeverity.Error, path, 1,
                    "The header lacks metric_name, timestamp or metric_value.", "Pass the file written by k6 run --out csv=FILE."));
                return (null, diagnostics);
            }
            string? line;
            var number = 1;
            var bad = 0;
            while ((line = reader.ReadLine()) is not null)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var cells = SplitCsv(line);
                if (cells.Count <= Math.Max(metricCol, Math.Max(timeCol, valueCol))
                    || !K6Time.TryParse(cells[timeCol], out var time)
                    || !double.TryParse(cells[valueCol], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    if (++bad <= MaxReportedBadLines)
                    {
                        diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableCsvLine, DiagnosticSeverity.Warning, path, number,
                            "The row has too few columns or an unreadable timestamp/value and was skipped.",
                            "Check the file was written by k6 --out csv and not cut short."));
                    }
                    continue;
                }
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, i) in index)
                {
                    if (i < cells.Count && cells[i].Length > 0 && name is not ("metric_name" or "timestamp" or "metric_value")) tags[name] = cells[i];
                }
                builder.AddPoint(cells[metricCol], time, value, tags);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.UnreadableTimeSeries, DiagnosticSeverity.Error, path, null,
                $"The file could not be read: {ex.Message}", "Check the path and permissions."));
        }
        return (builder.Build(), diagnostics);
    }

    /// <summary>RFC 4180 split of one line (quoted cells may hold commas and doubled quotes).</summary>
    internal static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
