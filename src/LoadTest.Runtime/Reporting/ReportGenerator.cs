using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;

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
        var model = Build(request, outputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var markdown = Path.Combine(outputDirectory, MarkdownFileName);
        var json = Path.Combine(outputDirectory, JsonFileName);
        var html = request.WriteHtml ? Path.Combine(outputDirectory, HtmlFileName) : null;
        File.WriteAllText(json, JsonReport.Render(model));
        if (html is not null) File.WriteAllText(html, HtmlReport.Render(model));
        File.WriteAllText(markdown, MarkdownReport.Render(model));
        string? script = null, profile = null;
        if (model.Verification is { } verification)
        {
            profile = Path.Combine(outputDirectory, VerificationProfile.FileName);
            File.WriteAllText(profile, verification.ToJson());
            if (VerificationScript.Render(verification) is { } text)
            {
                script = Path.Combine(outputDirectory, VerificationProfile.ScriptFileName);
                File.WriteAllText(script, text);
            }
        }
        return new ReportPaths(markdown, json, html) { VerificationScript = script, VerificationProfile = profile };
    }

    /// <summary>Loads and analyses without writing (for callers that want the model).</summary>
    public static ReportModel Build(ReportRequest request) =>
        Build(request, request.OutputDirectory ?? DefaultOutputDirectory(request.ResultsPath));

    private static ReportModel Build(ReportRequest request, string outputDirectory)
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
        var diagnostics = new List<AnalysisDiagnostic>();
        CapacityPlanInput? planInput = null;
        if (request.CapacityPlanInputPath is { } inputPath)
        {
            var (input, problem) = CapacityPlanInput.Load(inputPath);
            planInput = input;
            if (problem is not null) diagnostics.Add(problem);
        }
        var (catalog, catalogProblem) = PriceCatalog.Load(request.PriceCatalogPath);
        if (catalogProblem is not null) diagnostics.Add(catalogProblem);
        string? flowImport = null;
        if (request.FlowScriptPath is { } flow)
        {
            if (File.Exists(flow))
            {
                flowImport = ImportPath(outputDirectory, flow);
            }
            else
            {
                diagnostics.Add(new AnalysisDiagnostic(DiagnosticCodes.FlowScriptNotFound, DiagnosticSeverity.Warning, flow, null,
                    "The flow script for the verification test does not exist, so verification.k6.js was not written.",
                    "Build the project first (it generates load-tests/<flow>.js), or pass the path of the generated k6 flow script."));
            }
        }
        var withInputs = loaded with { Diagnostics = [.. loaded.Diagnostics, .. diagnostics] };
        try
        {
            var scrapes = new List<PrometheusScrape>();
            foreach (var path in request.PrometheusScrapes ?? [])
            {
                var (scrape, scrapeProblem) = PrometheusScrape.Load(path);
                if (scrape is not null) scrapes.Add(scrape);
                if (scrapeProblem is not null) withInputs = withInputs with { Diagnostics = [.. withInputs.Diagnostics, scrapeProblem] };
            }
            return ReportBuilder.Build(withInputs, new ReportInputs(request.Slo, planInput, catalog, flowImport) { Facts = request.Facts, Scrapes = scrapes });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A defect in an analysis must not cost the user the report: keep what was read and say what failed.
            return new ReportModel(withInputs.Source, withInputs.Formats, request.Slo, RunOverview.From(withInputs.Summary, null),
                [], [], [], null, null, null, null, [], [],
                [
                    .. withInputs.Diagnostics,
                    new AnalysisDiagnostic(DiagnosticCodes.AnalysisFailed, DiagnosticSeverity.Error, request.ResultsPath, null,
                        $"The analysis failed unexpectedly ({ex.GetType().Name}: {ex.Message}); only the totals are reported.",
                        "Report this with the results files; the raw results in the directory are complete."),
                ]);
        }
    }

    // k6 resolves imports relative to the importing script, and needs ./ or ../ to treat them as files.
    private static string ImportPath(string outputDirectory, string flowScript)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(outputDirectory), Path.GetFullPath(flowScript)).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) ? relative : "./" + relative;
    }

    private static string DefaultOutputDirectory(string resultsPath) =>
        Directory.Exists(resultsPath) ? resultsPath : Path.GetDirectoryName(Path.GetFullPath(resultsPath)) ?? ".";
}
