using System.Globalization;
using System.Text;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Http;

namespace LoadTest.Runtime.Reporting;

/// <summary>Failed requests of one endpoint (k6 tag <c>name</c>) with one k6 <c>error_code</c>.</summary>
public sealed record EndpointErrorCode(string Endpoint, int Code, string Meaning, long Count);

/// <summary>
/// The report's "Errors by k6 error_code" section: per endpoint, how many requests failed with which k6 code
/// (1050 request timeout, 1211 dial timeout, 1220 reset by peer, 1503…). Read from the summary's
/// <c>http_reqs{name:…,error_code:…}</c> sub-metrics (the engine writes them; a k6 user gets them by declaring such a
/// threshold), else from the time series windows' error codes. Pure.
/// </summary>
public static class ErrorCodeTable
{
    private const string Prefix = "http_reqs{";

    public static IReadOnlyList<EndpointErrorCode> From(LoadedResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var counts = new Dictionary<(string Endpoint, int Code), long>();
        foreach (var metric in results.Summary?.Metrics ?? [])
        {
            if (Parse(metric.Name) is { } key && metric.Values.TryGetValue("count", out var count)) counts[key] = (long)Math.Round(count);
        }
        if (counts.Count == 0)
        {
            foreach (var series in results.TimeSeries?.Windows.SelectMany(w => w.Series) ?? [])
            {
                foreach (var (code, count) in series.ErrorCodes)
                {
                    counts[(series.Name, code)] = counts.GetValueOrDefault((series.Name, code)) + count;
                }
            }
        }
        return [.. counts
            .Select(c => new EndpointErrorCode(c.Key.Endpoint, c.Key.Code, HttpErrorClassifier.Describe(c.Key.Code), c.Value))
            .OrderBy(r => r.Endpoint, StringComparer.Ordinal)
            .ThenByDescending(r => r.Count)
            .ThenBy(r => r.Code)];
    }

    public static void WriteMarkdown(StringBuilder md, IReadOnlyList<EndpointErrorCode> rows)
    {
        ArgumentNullException.ThrowIfNull(md);
        if (rows.Count == 0) return;
        md.AppendLine("## Errors by k6 error_code").AppendLine();
        md.AppendLine("| Endpoint | error_code | Meaning | Requests |");
        md.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {Format.Cell(row.Endpoint)} | {row.Code} | {Format.Cell(row.Meaning)} | {row.Count:#,0} |"));
        }
        md.AppendLine();
    }

    /// <summary>(endpoint, code) of <c>http_reqs{name:X,error_code:N}</c> in either tag order; null for any other key.</summary>
    internal static (string Endpoint, int Code)? Parse(string key)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith('}')) return null;
        var body = key[Prefix.Length..^1];
        string name;
        string code;
        // The name may hold commas and colons; error_code never does, so it is split off first.
        var last = body.LastIndexOf(",error_code:", StringComparison.Ordinal);
        if (body.StartsWith("name:", StringComparison.Ordinal) && last > 0)
        {
            name = body[5..last];
            code = body[(last + 12)..];
        }
        else if (body.StartsWith("error_code:", StringComparison.Ordinal) && body.IndexOf(",name:", StringComparison.Ordinal) is var comma and > 0)
        {
            code = body[11..comma];
            name = body[(comma + 6)..];
        }
        else
        {
            return null;
        }
        return int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && name.Length > 0 ? (name, value) : null;
    }
}
