namespace LoadTest.Runtime.CiOutputs;

/// <summary>Where the reporter reads variables and writes workflow commands; tests pass their own.</summary>
public sealed record CiContext(Func<string, string?> Environment, TextWriter Output)
{
    public static CiContext Process => new(System.Environment.GetEnvironmentVariable, Console.Out);
}

/// <summary>What <see cref="CiReporter.Publish"/> wrote.</summary>
/// <param name="Provider">The CI detected from the environment.</param>
/// <param name="JUnitPath">junit.xml in the results folder; null when it could not be written.</param>
/// <param name="SummaryPath">The Markdown summary appended to or uploaded; null when none.</param>
/// <param name="Problems">LT4074 lines for outputs that could not be written (the run's verdict is unaffected).</param>
public sealed record CiPublishResult(CiProvider Provider, string? JUnitPath, string? SummaryPath, IReadOnlyList<string> Problems);

/// <summary>
/// One entry point for CI outputs after a run: always junit.xml in the results folder; on GitHub Actions the job summary
/// and <c>::error</c> annotations; on Azure Pipelines <c>##vso</c> logissue commands and a build summary. Never throws
/// for an output that cannot be written: the test's pass/fail is decided by LoadAssert and the exit code.
/// </summary>
public static class CiReporter
{
    public static CiPublishResult Publish(CiPublication publication, CiContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(publication);
        context ??= CiContext.Process;
        var provider = CiEnvironment.Detect(context.Environment);
        var problems = new List<string>();

        var junit = Attempt(problems, "junit.xml", () => JUnitReport.Write(publication));
        string? summary = null;
        switch (provider)
        {
            case CiProvider.GitHubActions:
                foreach (var line in GitHubActionsOutput.Annotations(publication)) context.Output.WriteLine(line);
                var stepSummary = context.Environment(CiEnvironment.GitHubStepSummaryVariable);
                if (!string.IsNullOrWhiteSpace(stepSummary))
                {
                    summary = Attempt(problems, "the GitHub job summary", () =>
                    {
                        GitHubActionsOutput.AppendSummary(stepSummary, publication);
                        return stepSummary;
                    });
                }
                break;
            case CiProvider.AzurePipelines:
                foreach (var line in AzurePipelinesOutput.Issues(publication)) context.Output.WriteLine(line);
                summary = Attempt(problems, "the Azure DevOps summary", () =>
                {
                    var path = Path.GetFullPath(Path.Combine(publication.ResultsDirectory, AzurePipelinesOutput.SummaryFileName));
                    File.WriteAllText(path, MarkdownSummary.Build(publication));
                    return path;
                });
                if (summary is not null) context.Output.WriteLine(AzurePipelinesOutput.UploadSummary(summary));
                break;
        }

        foreach (var problem in problems) context.Output.WriteLine(problem);
        return new CiPublishResult(provider, junit, summary, problems);
    }

    private static string? Attempt(List<string> problems, string what, Func<string> write)
    {
        try
        {
            return write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problems.Add($"{Baselines.BaselineCodes.OutputFailed}: {what} could not be written ({exception.Message}); the results folder is complete.");
            return null;
        }
    }
}
