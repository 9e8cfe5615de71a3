namespace LoadTest.Runtime.CiOutputs;

public enum CiProvider
{
    None,
    GitHubActions,
    AzurePipelines,
}

/// <summary>Which CI the process runs under, from the variables each CI sets on every job.</summary>
public static class CiEnvironment
{
    public const string GitHubActionsVariable = "GITHUB_ACTIONS";
    public const string GitHubStepSummaryVariable = "GITHUB_STEP_SUMMARY";
    public const string AzurePipelinesVariable = "TF_BUILD";

    public static CiProvider Detect(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (string.Equals(environment(GitHubActionsVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return CiProvider.GitHubActions;
        if (string.Equals(environment(AzurePipelinesVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return CiProvider.AzurePipelines;
        return CiProvider.None;
    }
}
