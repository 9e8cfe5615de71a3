namespace LoadTest.Runtime.CiOutputs;

/// <summary>Azure DevOps logging commands: <c>##vso[task.logissue type=error]…</c> and <c>##vso[task.uploadsummary]…</c>.</summary>
public static class AzurePipelinesOutput
{
    public const string SummaryFileName = "ci-summary.md";

    /// <summary>One logissue line per failed threshold and regression; a warning per removed operation.</summary>
    public static IReadOnlyList<string> Issues(CiPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var lines = publication.FailedThresholds
            .Select(t => Issue("error", $"Load test {publication.RunName}: threshold failed: {t.Metric}: {CiPublication.MeasuredVersusLimit(t)}"))
            .Concat(publication.Regressions.Select(r => Issue("error", $"Load test {publication.RunName}: regression: {r.Message}")))
            .ToList();
        if (publication.BaselineProblem is { } problem) lines.Add(Issue("error", $"Load test {publication.RunName}: {problem}"));
        if (publication.Aborted) lines.Add(Issue("error", $"Load test {publication.RunName}: aborted: {publication.AbortReason}"));
        lines.AddRange((publication.Baseline?.RemovedOperations ?? [])
            .Select(o => Issue("warning", $"Load test {publication.RunName}: {o} is in the baseline but not in this run")));
        return lines;
    }

    /// <summary>Attaches a Markdown file to the build's summary tab.</summary>
    public static string UploadSummary(string markdownPath) => $"##vso[task.uploadsummary]{Escape(markdownPath)}";

    private static string Issue(string type, string message) => $"##vso[task.logissue type={type}]{Escape(message)}";

    // Message escaping of logging commands: the agent decodes %AZP25, %0D and %0A, so a message stays on one line.
    internal static string Escape(string text) =>
        text.Replace("%", "%AZP25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);
}
