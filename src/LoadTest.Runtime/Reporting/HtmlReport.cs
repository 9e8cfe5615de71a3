using System.Net;
using System.Text;

namespace LoadTest.Runtime.Reporting;

/// <summary>A self-contained HTML page (inline CSS and SVG, no scripts, no network).</summary>
public static class HtmlReport
{
    public static string Render(ReportModel model)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report</title></head><body>");
        html.AppendLine($"<h1>Load test report</h1><p>Source: {WebUtility.HtmlEncode(model.Source)}</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
