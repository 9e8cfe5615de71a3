using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;

namespace LoadTest.Runtime.Reporting;

/// <summary>
/// Reads results, analyses them and writes report.md, report.json and report.html. Called by LoadTestSession after
/// every run and usable alone on k6 output. Bad input never throws: it becomes an LT40xx line in the report.
/// </summary>
public static class ReportGenerator
{
    public const string MarkdownFileName = "report.md";
    public const string JsonFileName = "report.json";
    public const string HtmlFileName = "report.html";

    public static ReportPaths WriteReports(string resultsDirectory) => WriteReports(new ReportRequest(resultsDirectory));

    public static ReportPaths WriteReports(ReportRequest request)
    {
        var outputDirectory = request.OutputDirectory ?? DefaultOutputDirectory(request.ResultsPath);
        var model = Build(request);
        Directory.CreateDirectory(outputDirectory);
        var markdown = Path.Combine(outputDirectory, MarkdownFileName);
        var json = Path.Combine(outputDirectory, JsonFileName);
        var html = request.WriteHtml ? Path.Combine(outputDirectory, HtmlFileName) : null;
        File.WriteAllText(json, JsonReport.Render(model));
        if (html is not null) File.WriteAllText(html, HtmlReport.Render(model));
        File.WriteAllText(markdown, MarkdownReport.Render(model));
        return new ReportPaths(markdown, json, html);
    }

    /// <summary>Loads and analyses without writing (for callers that want the model).</summary>
    public static ReportModel Build(ReportRequest request)
    {
        LoadedResults loaded;
        try
        {
            loaded = ResultsLoader.Load(request.ResultsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            loaded = new LoadedResults(request.ResultsPath, [], null, null,
            [
                new AnalysisDiagnostic(DiagnosticCodes.ResultsNotFound, DiagnosticSeverity.Error, request.ResultsPath, null,
                    $"The results could not be read: {ex.Message}", "Check the path and its permissions."),
            ]);
        }
        return ReportBuilder.Build(loaded, request.Slo);
    }

    private static string DefaultOutputDirectory(string resultsPath) =>
        Directory.Exists(resultsPath) ? resultsPath : Path.GetDirectoryName(Path.GetFullPath(resultsPath)) ?? ".";
}
