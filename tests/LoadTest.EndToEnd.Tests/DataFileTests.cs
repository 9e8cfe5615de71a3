using LoadTest.EndToEnd.Tests.Infrastructure;

namespace LoadTest.EndToEnd.Tests;

/// <summary>
/// LoadTestDataFile as a user meets it: resolved against the project folder, copied beside the k6 scripts and into the
/// test output; a missing file fails the build (LT2031) and a copy missing at run time fails the run (LT4100), each
/// naming the file, instead of running with made-up users.
/// </summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class DataFileTests(PackagedSdkFixture sdk)
{
    [Fact]
    public void A_missing_data_file_fails_the_build_and_the_run_with_its_code_and_path()
    {
        var consumer = sdk.CreateConsumer("DataFile");
        consumer.WriteFile("api/openapi.yaml", ConsumerBuildTests.Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""", "<LoadTestDataFile>data/users.csv</LoadTestDataFile>");
        var dataFile = Path.Combine(consumer.Directory, "data", "users.csv");

        var missing = consumer.Dotnet("build");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("error LT2031", missing.Output);
        Assert.Contains(dataFile, missing.Output);

        consumer.WriteFile("data/users.csv", "name\nalpha\nbeta\n");
        var build = consumer.Dotnet("build");
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("name\nalpha\nbeta\n", File.ReadAllText(Path.Combine(consumer.ScriptsDirectory, "data", "users.csv")));
        var copy = Path.Combine(consumer.Directory, "bin", "Debug", "net10.0", "loadtest-data", "users.csv");
        Assert.True(File.Exists(copy), "the data file is not in the test output");

        // The run reads the copy in its output; gone, the run stops before any load with the code and the path.
        File.Delete(copy);
        var run = consumer.Dotnet(new Dictionary<string, string?> { ["BASE_URL"] = "http://127.0.0.1:9", ["LOADTEST_QUIET"] = "1" }, "test", "--no-build");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("LT4100", run.Output);
        Assert.Contains(copy, run.Output);

        var clean = consumer.Dotnet("clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(Path.Combine(consumer.ScriptsDirectory, "data", "users.csv")), "clean left the data file's copy");
        Assert.False(File.Exists(Path.Combine(consumer.ScriptsDirectory, "flows.md")), "clean left flows.md");
        Assert.True(File.Exists(dataFile), "clean removed the user's own data file");
    }
}
