using System.Text.RegularExpressions;
using LoadTest.EndToEnd.Tests.Infrastructure;

namespace LoadTest.EndToEnd.Tests;

[CollectionDefinition(Name)]
public sealed class PackagedSdkCollection : ICollectionFixture<PackagedSdkFixture>
{
    public const string Name = "packaged sdk";
}

/// <summary>Builds a real consumer project against the packed LoadTest.Sdk and checks what a user sees.</summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class ConsumerBuildTests(PackagedSdkFixture sdk)
{
    internal const string Spec = """
        openapi: 3.0.3
        info:
          title: Items
          version: "1.0"
        paths:
          /ping:
            get:
              operationId: ping
              responses:
                "200":
                  description: pong
          /items:
            post:
              operationId: items_create
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [name]
                      properties:
                        name: { type: string, minLength: 1, maxLength: 20 }
              responses:
                "201":
                  description: created
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          id: { type: string }
          /items/{id}:
            get:
              operationId: items_get
              parameters:
                - { name: id, in: path, required: true, schema: { type: string } }
              responses:
                "200":
                  description: the item
        """;

    [Fact]
    public void Build_generates_then_is_incremental_regenerates_on_touch_and_clean_removes_output()
    {
        var consumer = sdk.CreateConsumer("Incremental");
        consumer.WriteFile("api/openapi.yaml", Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");

        var first = consumer.Dotnet("build");
        Assert.True(first.ExitCode == 0, first.ToString());
        var scripts = Directory.GetFiles(consumer.ScriptsDirectory, "*.js", SearchOption.AllDirectories);
        var csharp = Directory.GetFiles(consumer.GeneratedDirectory, "*.g.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(scripts);
        Assert.NotEmpty(csharp);
        var generated = scripts.Concat(csharp).ToDictionary(p => p, File.GetLastWriteTimeUtc);

        var second = consumer.Dotnet("build", "-v:d");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Skipping target \"LoadTestGenerate\" because all output files are up-to-date", second.Output);
        foreach (var (path, stamp) in generated)
        {
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
        }

        File.SetLastWriteTimeUtc(Path.Combine(consumer.Directory, "api/openapi.yaml"), DateTime.UtcNow.AddSeconds(1));
        var third = consumer.Dotnet("build", "-v:d");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Contains("Building target \"LoadTestGenerate\" completely", third.Output);

        var clean = consumer.Dotnet("clean");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.All(generated.Keys, path => Assert.False(File.Exists(path), path + " survived dotnet clean"));
    }

    [Fact]
    public void Broken_spec_fails_the_build_with_an_LT_error_naming_file_and_line()
    {
        var consumer = sdk.CreateConsumer("Broken");
        // Line 6 opens a flow mapping that never closes: a YAML syntax error with a known position.
        consumer.WriteFile("api/openapi.yaml", "openapi: 3.0.3\ninfo:\n  title: Broken\n  version: \"1\"\npaths:\n  /ping: { get: { responses: \n");
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");

        var build = consumer.Dotnet("build");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(new Regex(@"openapi\.yaml\(\d+,\d+\): error LT1\d{3}:"), build.Output);
        Assert.DoesNotContain("   at ", build.Output);
    }

    [Fact]
    public async Task Dotnet_test_filter_Load_runs_against_BASE_URL_and_writes_the_report()
    {
        await using var api = await LoopbackApi.StartAsync(failEverything: false);
        var consumer = sdk.CreateConsumer("Passing");
        consumer.WriteFile("api/openapi.yaml", Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");
        var results = Path.Combine(consumer.Directory, "results");

        var test = consumer.Dotnet(RunEnvironment(api.BaseUrl, results), "test", "--filter", "Load");
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.NotEmpty(Directory.GetFiles(results, "report.md", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.GetFiles(results, "report.json", SearchOption.AllDirectories));
        Assert.NotEmpty(Directory.GetFiles(results, "summary.json", SearchOption.AllDirectories));

        var byCategory = consumer.Dotnet(RunEnvironment(api.BaseUrl, results), "test", "--no-build", "--filter", "Category=Load");
        Assert.True(byCategory.ExitCode == 0, byCategory.ToString());
        Assert.Matches(new Regex(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]"), byCategory.Output);
        Assert.True(LoadFilterCommands.TestsRun(byCategory.Output) > 0, byCategory.ToString());
        // docs/ci.md's step (xunit v2 on VSTest): a filter that selects nothing fails it.
        var nothing = consumer.Dotnet(RunEnvironment(api.BaseUrl, results), LoadFilterCommands.CiStep(testingPlatform: false, "Category=NoSuchCategory"));
        Assert.True(nothing.ExitCode != 0, "the CI step passed although it ran no test:\n" + nothing);
        Assert.Contains("No test matches the given testcase filter", nothing.Output);
        // The report target alone: on k6 output from a run made elsewhere (k6 --out json), and on this run's results.
        var k6Output = Path.Combine(consumer.Directory, "k6", "results.ndjson");
        Directory.CreateDirectory(Path.GetDirectoryName(k6Output)!);
        File.Copy(Path.Combine(RepoPaths.Root, "tests", "LoadTest.Analysis.Tests", "Fixtures", "k6-ramp.ndjson"), k6Output);
        var fromK6 = consumer.Dotnet("msbuild", "-t:LoadTestReport", $"-p:LoadTestResults={k6Output}");
        Assert.True(fromK6.ExitCode == 0, fromK6.ToString());
        Assert.True(File.Exists(Path.Combine(consumer.Directory, "k6", "report.md")), fromK6.ToString());

        var again = consumer.Dotnet("msbuild", "-t:LoadTestReport", $"-p:LoadTestResults={results}");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("LoadTest.Sdk report:", again.Output);
    }

    [Fact]
    public void Report_target_without_results_fails_with_an_LT_error()
    {
        var consumer = sdk.CreateConsumer("NoResults");
        consumer.WriteFile("api/openapi.yaml", Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");

        var report = consumer.Dotnet("msbuild", "-restore", "-t:LoadTestReport", "-p:LoadTestResults=" + Path.Combine(consumer.Directory, "nothing-here"));
        Assert.NotEqual(0, report.ExitCode);
        Assert.Contains("error LT3010", report.Output);
    }

    [Fact]
    public async Task Failed_thresholds_fail_the_test_name_the_threshold_and_still_write_the_report()
    {
        await using var api = await LoopbackApi.StartAsync(failEverything: true);
        var consumer = sdk.CreateConsumer("Failing");
        consumer.WriteFile("api/openapi.yaml", Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");
        var results = Path.Combine(consumer.Directory, "results");

        var test = consumer.Dotnet(RunEnvironment(api.BaseUrl, results), "test", "--filter", "Category=Load");
        Assert.NotEqual(0, test.ExitCode);
        Assert.Matches(new Regex(@"http_req_failed.*rate\s*<"), test.Output);
        Assert.NotEmpty(Directory.GetFiles(results, "report.md", SearchOption.AllDirectories));
    }

    internal static Dictionary<string, string?> RunEnvironment(Uri baseUrl, string results) => new()
    {
        ["BASE_URL"] = baseUrl.ToString().TrimEnd('/'),
        ["LOADTEST_PROFILE"] = "smoke",
        ["LOADTEST_VUS"] = "2",
        // Think time scaled to 5% and 8 s of load: enough requests that the cold first ones do not decide p95.
        ["LOADTEST_DURATION"] = "8s",
        ["LOADTEST_TIME_SCALE"] = "0.05",
        ["LOADTEST_RESULTS_DIR"] = results,
        ["LOADTEST_QUIET"] = "1",
    };
}
