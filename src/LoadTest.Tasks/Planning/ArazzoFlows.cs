using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>Arazzo 1.0 workflows as flows (not yet supported: reported, not guessed).</summary>
internal static class ArazzoFlows
{
    public static IReadOnlyList<FlowPlan> Read(string path, FlowPlanner planner, AuthPlan auth, ICollection<SourceDiagnostic> diagnostics)
    {
        _ = planner;
        _ = auth;
        diagnostics.Add(SourceDiagnostic.Warning("LT2015", $"Arazzo workflows ({path}) are not read by this version; no flow is generated from them.", new SourceLocation(path),
            "Declare the workflow's steps as a LoadTestFlow item instead (see docs/generation.md)."));
        return [];
    }
}
