using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Reporting;

/// <summary>
/// A self-contained HTML page: inline CSS and SVG charts drawn here (no scripts, no CDN, no network). The verdict comes
/// first, in words and colour, then the run's facts, the charts, and the same tables as the Markdown report.
/// </summary>
public static partial class HtmlReport
{
    // Line colours (a colour-blind-friendlier palette); the screenshot test looks for them.
    public const string Blue = "#1f77b4", Orange = "#ff7f0e", Red = "#d62728", Green = "#2ca02c", Purple = "#9467bd";
    private static readonly string[] EndpointColors = [Red, Blue, Green, Orange, Purple, "#8c564b", "#e377c2", "#17becf"];

    /// <summary>Verdict banner colours (white text on them); the screenshot test looks for them at the top of the page.</summary>
    public static string VerdictColor(VerdictKind kind) => kind switch
    {
        VerdictKind.Passed => "#1b7a1b",
        VerdictKind.Failed => "#b71c1c",
        VerdictKind.FunctionalFailure => "#a64b00",
        VerdictKind.Completed => "#1f5f99",
        VerdictKind.Interrupted => "#6a1b9a",
        _ => "#666666",
    };

    public static string Render(ReportModel model)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report</title>");
        html.AppendLine("<style>body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:16px;color:#222;background:#fff;max-width:1120px}" +
                        "h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:22px 0 8px}.charts svg{display:block;margin:0 0 10px}" +
                        ".verdict{color:#fff;padding:10px 14px;border-radius:4px;margin:0 0 10px}.verdict .status{font-size:20px;font-weight:bold;letter-spacing:.04em}" +
                        ".verdict .headline{font-size:17px;margin:2px 0 4px}.verdict ul{margin:4px 0 0 18px;padding:0;font-size:13px}" +
                        "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #ccd;padding:4px 8px;text-align:right}" +
                        "th:first-child,td:first-child{text-align:left}th{background:#f1f4f8}.facts td,.facts th{text-align:left}.muted{color:#667;font-size:12px}code{font-size:12px}</style>");
        html.AppendLine("</head><body>");
        html.AppendLine("<h1>Load test report</h1>");
        // The verdict first, in words and in colour: status, the one capacity sentence, the lines behind it.
        if (model.Verdict is { } v)
        {
            html.AppendLine($"<div class=\"verdict\" id=\"verdict\" style=\"background:{VerdictColor(v.Kind)}\"><div class=\"status\">{Esc(v.Status)}</div><div class=\"headline\">{Esc(v.Headline)}</div>");
            if (v.Lines.Count > 0) html.AppendLine("<ul>" + string.Concat(v.Lines.Select(l => $"<li>{Esc(l)}</li>")) + "</ul>");
            html.AppendLine("</div>");
        }
        // Run facts and the rest of the report come from the Markdown (one writer of the tables), after its verdict.
        var markdown = MarkdownReport.Render(model);
        var body = markdown.IndexOf("| Profile |", StringComparison.Ordinal) is var at and >= 0 ? markdown[at..] : markdown;
        var firstSection = body.IndexOf("\n## ", StringComparison.Ordinal);
        var facts = firstSection >= 0 ? body[..firstSection] : body;
        var rest = firstSection >= 0 ? body[(firstSection + 1)..] : "";
        html.AppendLine(MarkdownToHtml(facts).Replace("<table>", "<table class=\"facts\">", StringComparison.Ordinal));
        html.AppendLine("<div class=\"charts\">");
        html.AppendLine(LatencyChart(model));
        html.AppendLine(model.Model == LoadModel.Open ? OfferedChart(model) : ThroughputChart(model));
        if (model.Model == LoadModel.Open) html.AppendLine(VusChart(model));
        html.AppendLine(ErrorChart(model));
        html.AppendLine(EndpointChart(model));
        html.AppendLine("</div>");
        html.AppendLine(MarkdownToHtml(rest));
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static IReadOnlyList<ChartBand> StageBands(ReportModel model)
    {
        var bands = new List<ChartBand>();
        var t = 0.0;
        foreach (var stage in model.Stages)
        {
            bands.Add(new ChartBand(t, t + stage.Seconds, stage.Label));
            t += stage.Seconds;
        }
        return bands;
    }

    private static string LatencyChart(ReportModel model) =>
        SvgChart.Render("chart-latency", "Latency percentiles over time", "seconds", "ms",
        [
            new ChartSeries("p50", Blue, model.Timeline.Select(p => (p.Second, p.P50Ms)).ToList()),
            new ChartSeries("p95", Orange, model.Timeline.Select(p => (p.Second, p.P95Ms)).ToList()),
            new ChartSeries("p99", Red, model.Timeline.Select(p => (p.Second, p.P99Ms)).ToList()),
        ], StageBands(model), [new ChartRule(false, model.Slo.P95Ms, Format.Invariant($"p95 SLO {model.Slo.P95Ms:0}ms"), Orange)]);

    private static string ThroughputChart(ReportModel model)
    {
        var levels = model.LoadLevels.Where(l => l.Trusted).ToList();
        List<ChartSeries> series = [new ChartSeries("measured RPS", Blue, levels.Select(l => (l.Vus, l.Rps)).ToList(), Markers: true)];
        // Levels where the load generator saturated are drawn apart, in grey: they say nothing about the API.
        var untrusted = model.LoadLevels.Where(l => !l.Trusted).Select(l => (l.Vus, l.Rps)).ToList();
        if (untrusted.Count > 0) series.Add(new ChartSeries("generator saturated", "#999999", untrusted, Markers: true, Dashed: true));
        if (model.BreakingPoint?.Usl is { } usl && levels.Count > 0)
        {
            var maxN = levels.Max(l => l.Vus);
            series.Add(new ChartSeries("USL fit", Green, Enumerable.Range(1, 60).Select(i => maxN * i / 60.0).Select(n => (n, usl.ThroughputAt(n))).ToList(), Dashed: true));
        }
        var rules = new List<ChartRule>();
        if (model.Capacity?.Headline is { } h) rules.Add(new ChartRule(false, h.Rps, Format.Invariant($"capacity {h.Rps:0} RPS"), Purple));
        if (model.BreakingPoint?.KneeVus is { } knee) rules.Add(new ChartRule(true, knee, Format.Invariant($"knee ~{knee:0} VUs"), Purple));
        if (model.BreakingPoint?.First is { } first) rules.Add(new ChartRule(true, first.Vus, Format.Invariant($"break ~{first.Vus:0} VUs ({first.Rule})"), Red));
        return SvgChart.Render("chart-throughput", "Throughput against concurrency", "VUs", "RPS", series, null, rules);
    }

    // Open model: what was offered and what was achieved over time; the gap is the breaking point.
    private static string OfferedChart(ReportModel model)
    {
        var points = model.Timeline.Where(p => p.OfferedRate is not null).ToList();
        List<ChartSeries> series =
        [
            new ChartSeries("offered it/s", "#7f7f7f", points.Select(p => (p.Second, p.OfferedRate!.Value)).ToList(), Dashed: true),
            new ChartSeries("achieved it/s", Blue, model.Timeline.Select(p => (p.Second, p.IterationsPerSecond)).ToList()),
        ];
        var rules = new List<ChartRule>();
        if (model.Capacity?.Headline is { IterationsPerSecond: { } it }) rules.Add(new ChartRule(false, it, Format.Invariant($"capacity {it:0.#} it/s"), Purple));
        if (model.BreakingPoint?.First is { Step: { } step } first && model.Steps.FirstOrDefault(s => s.Index == step) is { } at)
        {
            rules.Add(new ChartRule(true, at.StartSecond, Format.Invariant($"break: {first.Rule}"), Red));
        }
        return SvgChart.Render("chart-throughput", "Offered and achieved iterations per second over time", "seconds", "iterations/s", series, StageBands(model), rules);
    }

    private static string VusChart(ReportModel model) =>
        SvgChart.Render("chart-vus", "VUs in use over time", "seconds", "VUs",
            [new ChartSeries("VUs in use", Purple, model.Timeline.Select(p => (p.Second, (double)p.Vus)).ToList())], StageBands(model));

    private static string ErrorChart(ReportModel model) =>
        SvgChart.Render("chart-errors", "Error rate over time", "seconds", "error rate",
            [new ChartSeries("error rate", Red, model.Timeline.Select(p => (p.Second, p.ErrorRate)).ToList())],
            StageBands(model), [new ChartRule(false, model.Slo.ErrorRate, Format.Invariant($"limit {model.Slo.ErrorRate:0.#%}"), Orange)],
            v => Format.Rate(v), yCap: 1);

    private static string EndpointChart(ReportModel model) =>
        SvgChart.Render("chart-endpoints", "p99 per endpoint over time", "seconds", "ms",
            model.EndpointTimelines.Select((e, i) => new ChartSeries(e.Endpoint, EndpointColors[i % EndpointColors.Length], e.Points.Select(p => (p.Second, p.Value)).ToList())).ToList(),
            StageBands(model));

    /// <summary>Converts the subset of Markdown our report uses (headings, tables, lists, paragraphs, code, bold, details).</summary>
    internal static string MarkdownToHtml(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var inList = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (inList && !line.StartsWith("- ", StringComparison.Ordinal) && !line.StartsWith("  - ", StringComparison.Ordinal))
            {
                html.AppendLine("</ul>");
                inList = false;
            }
            if (line.StartsWith("# ", StringComparison.Ordinal)) continue; // the page has its own title
            if (line.StartsWith("## ", StringComparison.Ordinal)) { html.AppendLine($"<h2>{Inline(line[3..])}</h2>"); continue; }
            if (line.StartsWith("<details>", StringComparison.Ordinal) || line.StartsWith("</details>", StringComparison.Ordinal)) { html.AppendLine(line); continue; }
            if (line.StartsWith('|'))
            {
                html.AppendLine("<table>");
                var header = true;
                for (; i < lines.Count && lines[i].StartsWith('|'); i++)
                {
                    if (lines[i].StartsWith("|---", StringComparison.Ordinal)) continue;
                    var cells = SplitRow(lines[i]);
                    var tag = header ? "th" : "td";
                    html.Append("<tr>").Append(string.Concat(cells.Select(c => $"<{tag}>{Inline(c)}</{tag}>"))).AppendLine("</tr>");
                    header = false;
                }
                i--;
                html.AppendLine("</table>");
                continue;
            }
            if (line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("  - ", StringComparison.Ordinal))
            {
                if (!inList) { html.AppendLine("<ul>"); inList = true; }
                html.AppendLine($"<li>{Inline(line.TrimStart()[2..])}</li>");
                continue;
            }
            if (line.Length > 0) html.AppendLine($"<p>{Inline(line)}</p>");
        }
        if (inList) html.AppendLine("</ul>");
        return html.ToString();
    }

    private static List<string> SplitRow(string row)
    {
        // Split on pipes that the Markdown writer did not escape.
        var cells = EscapedPipe().Split(row.Trim().Trim('|')).Select(c => c.Replace("\\|", "|", StringComparison.Ordinal).Trim()).ToList();
        return cells;
    }

    private static string Inline(string text)
    {
        var encoded = Esc(text);
        encoded = Code().Replace(encoded, "<code>$1</code>");
        encoded = Bold().Replace(encoded, "<strong>$1</strong>");
        return encoded.Replace("&lt;summary&gt;", "<summary>", StringComparison.Ordinal).Replace("&lt;/summary&gt;", "</summary>", StringComparison.Ordinal);
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex EscapedPipe();

    [GeneratedRegex("`([^`]*)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();
}
