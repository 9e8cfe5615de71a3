using LoadTest.Runtime.Baselines;

namespace LoadTest.Runtime.Tests.Baselines;

/// <summary>
/// Where the baseline belongs and how LT4073 names it: tests run in <c>bin/&lt;config&gt;/&lt;tfm&gt;/</c>, but the
/// baseline to commit lives at the repository root (or, outside a repository, beside the test project).
/// </summary>
public sealed class BaselineLocationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loadtest-baseline-location", Guid.NewGuid().ToString("N"));

    public BaselineLocationTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string TestOutput(string project)
    {
        var projectFolder = Path.Combine(_root, project);
        Directory.CreateDirectory(projectFolder);
        File.WriteAllText(Path.Combine(projectFolder, "Shop.LoadTests.csproj"), "<Project />");
        return Directory.CreateDirectory(Path.Combine(projectFolder, "bin", "Release", "net10.0")).FullName;
    }

    [Fact]
    public void Outside_a_repository_the_root_is_the_test_project_not_its_bin_folder()
    {
        var output = TestOutput("tests/Shop.LoadTests");

        Assert.Equal(Path.Combine(_root, "tests", "Shop.LoadTests"), BaselineStore.FindRepositoryRoot(output));
    }

    [Fact]
    public void Inside_a_repository_the_root_is_the_folder_with_dot_git_even_above_the_project()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var output = TestOutput("tests/Shop.LoadTests");

        Assert.Equal(_root, BaselineStore.FindRepositoryRoot(output));
    }

    [Fact]
    public void LT4073_names_the_repository_path_to_commit_never_the_bin_folder()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var output = TestOutput("tests/Shop.LoadTests");
        var results = Directory.CreateDirectory(Path.Combine(output, "loadtest-results", "checkout")).FullName;

        var gate = BaselineGate.Run(results, "checkout", BaselineStore.FindRepositoryRoot(output), _ => null);

        Assert.StartsWith("LT4073: no baseline at loadtest-baseline/checkout.summary.json in " + _root + ";", gate.Message);
        Assert.EndsWith("then commit loadtest-baseline/checkout.summary.json.", gate.Message);
        Assert.DoesNotContain("bin", gate.Message.Replace(_root, "<root>"));
        Assert.Equal(Path.Combine(_root, "loadtest-baseline", "checkout.summary.json"), gate.BaselinePath);
    }

    [Fact]
    public void A_baseline_outside_the_repository_is_shown_with_its_full_path()
    {
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere", "checkout.summary.json");

        Assert.Equal(elsewhere, BaselineStore.DisplayPath(elsewhere, _root));
        Assert.Equal("perf/checkout.summary.json", BaselineStore.DisplayPath(Path.Combine(_root, "perf", "checkout.summary.json"), _root));
    }
}
