using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;

namespace LoadTest.Runtime.Reporting;

/// <summary>Runs the analyses over loaded results (pure: no I/O here).</summary>
public static class ReportBuilder
{
    public static ReportModel Build(LoadedResults results, SloLimits slo)
    {
        var diagnostics = new List<AnalysisDiagnostic>(results.Diagnostics);
        var overview = RunOverview.From(results.Summary, results.TimeSeries);
        return new ReportModel(results.Source, results.Formats, slo, overview, diagnostics);
    }
}
