using System.Text.RegularExpressions;

namespace LoadTest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The README's commands for running the generated load tests (one filter for every framework) and the CI guard that
/// makes a selection of zero tests fail, per test runner; and how many tests a run reports.
/// </summary>
public static partial class LoadFilterCommands
{
    public const string Filter = "Category=Load";

    /// <summary>VSTest exits 0 when a filter matches nothing; this run setting makes it exit 1.</summary>
    public const string VsTestGuard = "-- RunConfiguration.TreatNoTestsAsError=true";

    /// <summary>Microsoft.Testing.Platform exits 8 on zero tests anyway; the minimum says so outright.</summary>
    public const string TestingPlatformGuard = "--minimum-expected-tests 1";

    /// <summary>The README's command: <c>dotnet test --filter Category=Load</c>.</summary>
    public static string[] Run => ["test", "--filter", Filter];

    /// <summary>The CI step of docs/ci.md (after a build), with <paramref name="filter"/> in place of the load filter.</summary>
    public static string[] CiStep(bool testingPlatform, string filter = Filter) =>
        ["test", "--no-build", "--filter", filter, .. (testingPlatform ? TestingPlatformGuard : VsTestGuard).Split(' ')];

    /// <summary>The number of tests a <c>dotnet test</c> run reports (VSTest "Total: N" per assembly, or the platform's "total: N").</summary>
    public static int TestsRun(string output)
    {
        var counts = TotalPattern().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return counts.Count == 0 ? 0 : counts.Sum();
    }

    [GeneratedRegex(@"(?:Total:|^\s*total:)\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex TotalPattern();
}
