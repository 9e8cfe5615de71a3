namespace LoadTest.Runtime.CiOutputs;

/// <summary>
/// GitHub Actions workflow commands: <c>::error title=…::message</c> annotations on stdout, and the job summary
/// (Markdown appended to the file named by GITHUB_STEP_SUMMARY).
/// </summary>
public static class GitHubActionsOutput
{
    /// <summary>One <c>::error</c> line per failed threshold and regression.</summary>
    public static IReadOnlyList<string> Annotations(CiPublication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var lines = publication.FailedThresholds
            .Select(t => Error($"Load test {publication.RunName}: threshold failed", $"{t.Metric}: {CiPublication.MeasuredVersusLimit(t)}"))
            .Concat(publication.Regressions.Select(r => Error($"Load test {publication.RunName}: regression", r.Message)))
            .ToList();
        if (publication.BaselineProblem is { } problem) lines.Add(Error($"Load test {publication.RunName}: baseline unreadable", problem));
        if (publication.Aborted) lines.Add(Error($"Load test {publication.RunName}: aborted", publication.AbortReason ?? "the run was aborted"));
        foreach (var removed in publication.Baseline?.RemovedOperations ?? [])
        {
            lines.Add($"::warning title={Property($"Load test {publication.RunName}: operation removed")}::{Data($"{removed} is in the baseline but not in this run")}");
        }
        return lines;
    }

    /// <summary>Appends the Markdown summary to the step summary file (GitHub renders it on the run page).</summary>
    public static void AppendSummary(string stepSummaryPath, CiPublication publication) =>
        File.AppendAllText(stepSummaryPath, MarkdownSummary.Build(publication) + Environment.NewLine);

    private static string Error(string title, string message) => $"::error title={Property(title)}::{Data(message)}";

    // Workflow command escaping: data escapes %, CR, LF; property values also ':' and ','.
    internal static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    internal static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
