using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources;

namespace LoadTest.Tasks.Tests.Sources;

internal static class SourceReadResults
{
    /// <summary>The model a reader produced (the test fails when there is none) and the diagnostics beside it.</summary>
    public static (ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics) Checked(this SourceReadResult result)
    {
        Assert.NotNull(result.Model);
        return (result.Model!, result.Diagnostics);
    }
}
