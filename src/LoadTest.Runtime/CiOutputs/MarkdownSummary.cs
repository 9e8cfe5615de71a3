using System.Text;
using LoadTest.Runtime.Baselines;

namespace LoadTest.Runtime.CiOutputs;

/// <summary>The run's verdict as Markdown: the GitHub job summary and the Azure DevOps build summary tab.</summary>
public static class MarkdownSummary
{
    public static string Build(CiPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var md = new StringBuilder();
        var failed = publication.FailedThresholds.Count;
        var regressions = publication.Regressions.Count;
        md.AppendLine($"### Load test `{publication.RunName}`: {(publication.Passed ? "passed" : "failed")}");
        md.AppendLine();
        md.AppendLine($"{publication.Thresholds.Count - failed} of {publication.Thresholds.Count} thresholds passed" +
            (publication.Baseline is null ? "; no baseline comparison." : $"; {regressions} regression(s) against the baseline."));
        if (publication.BaselineProblem is { } problem) md.AppendLine().AppendLine($"**Baseline unreadable:** {Cell(problem)}");
        if (publication.Aborted) md.AppendLine().AppendLine($"**Run aborted:** {Cell(publication.AbortReason ?? "")}");

        if (publication.Thresholds.Count > 0)
        {
            md.AppendLine().AppendLine("| Metric | Threshold | Measured | Result |").AppendLine("|---|---|---|---|");
            foreach (var t in publication.Thresholds.OrderBy(t => t.Passed))
            {
                md.AppendLine($"| {Cell(t.Metric)} | `{Cell(t.Expression)}` | {Cell(t.ObservedText)} | {(t.Passed ? "✅ passed" : "❌ failed")} |");
            }
        }

        if (publication.Baseline is { } baseline)
        {
            md.AppendLine().AppendLine("| Baseline check | Result |").AppendLine("|---|---|");
            foreach (var check in baseline.Checks.OrderBy(c => c.Status switch { RegressionStatus.Regressed => 0, RegressionStatus.NotCompared => 2, _ => 1 }))
            {
                var result = check.Status switch
                {
                    RegressionStatus.Regressed => "❌ regressed",
                    RegressionStatus.NotCompared => "⏭️ not compared",
                    _ => "✅ within tolerance",
                };
                md.AppendLine($"| {Cell(check.Message)} | {result} |");
            }
            foreach (var added in baseline.AddedOperations) md.AppendLine($"| new operation {Cell(added)} (no baseline yet) | ➕ added |");
            foreach (var removed in baseline.RemovedOperations) md.AppendLine($"| operation {Cell(removed)} is in the baseline but not in this run | ➖ removed |");
        }

        foreach (var note in publication.Notes) md.AppendLine().AppendLine($"> {Cell(note)}");
        md.AppendLine().AppendLine($"Results: `{publication.ResultsDirectory}`" + (publication.ReportPath is null ? "" : $"; report: `{publication.ReportPath}`"));
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
