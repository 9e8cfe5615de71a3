using System.Text;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Reporting;

/// <summary>The report as GitHub-flavoured Markdown, short enough for a job summary.</summary>
public static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test report").AppendLine();
        md.AppendLine(Format.Invariant($"Source: `{model.Source}` ({(model.Formats.Count == 0 ? "nothing readable" : string.Join(", ", model.Formats))}). SLOs: p95 < {model.Slo.P95Ms}ms, p99 < {model.Slo.P99Ms}ms, errors < {Format.Rate(model.Slo.ErrorRate)}."));
        md.AppendLine();
        WriteOverview(md, model.Overview);
        WriteDiagnostics(md, model.Diagnostics);
        return md.ToString();
    }

    private static void WriteOverview(StringBuilder md, RunOverview? o)
    {
        md.AppendLine("## Summary").AppendLine();
        if (o is null)
        {
            md.AppendLine("No results could be read; see the diagnostics below.").AppendLine();
            return;
        }
        md.AppendLine("| Requests | Duration | RPS | p50 | p95 | p99 | Error rate | Max VUs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        md.AppendLine(Format.Invariant($"| {o.Requests:#,0} | {o.DurationSeconds:0}s | {Format.Number(o.Rps)} | {Format.Ms(o.P50Ms)} | {Format.Ms(o.P95Ms)} | {Format.Ms(o.P99Ms)} | {Format.Rate(o.ErrorRate)} | {o.MaxVus} |"));
        md.AppendLine();
        if (o.Thresholds.Count > 0)
        {
            md.AppendLine(o.AllThresholdsOk ? "Thresholds: all passed." : "Thresholds: **some failed**.").AppendLine();
            foreach (var t in o.Thresholds)
            {
                md.AppendLine($"- {(t.Ok ? "✅" : "❌")} `{t.Metric}`: `{t.Expression}`");
            }
            md.AppendLine();
        }
    }

    private static void WriteDiagnostics(StringBuilder md, IReadOnlyList<AnalysisDiagnostic> diagnostics)
    {
        if (diagnostics.Count == 0) return;
        md.AppendLine("## Diagnostics").AppendLine();
        foreach (var d in diagnostics)
        {
            md.AppendLine($"- `{d.Code}` {d.Severity.ToString().ToLowerInvariant()}{(d.File is null ? "" : $" in `{d.File}`{(d.Line is { } l ? $" line {l}" : "")}")}: {d.Message} {d.Fix}");
        }
        md.AppendLine();
    }
}
