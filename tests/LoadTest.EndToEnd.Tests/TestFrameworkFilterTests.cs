using System.Reflection;
using LoadTest.EndToEnd.Tests.Infrastructure;

namespace LoadTest.EndToEnd.Tests;

/// <summary>
/// One consumer per test framework (xunit.v3 on Microsoft.Testing.Platform, MSTest, NUnit; xunit v2 is the consumer of
/// <see cref="ConsumerBuildTests"/>): the README's <c>dotnet test --filter Category=Load</c> runs the generated load
/// test, and the CI step of docs/ci.md fails when its filter selects no test.
/// </summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class TestFrameworkFilterTests(PackagedSdkFixture sdk)
{
    private static string Version(string name) =>
        typeof(TestFrameworkFilterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == name).Value!;

    public static TheoryData<string> Frameworks => ["xunit.v3", "mstest", "nunit"];

    [Theory]
    [MemberData(nameof(Frameworks))]
    public async Task Readme_filter_runs_the_generated_load_test_and_the_CI_step_fails_on_zero_tests(string framework)
    {
        var (packages, properties, testingPlatform) = framework switch
        {
            "xunit.v3" => ($"""<PackageReference Include="xunit.v3" Version="{Version("ConsumerXunitV3Version")}" />""", "<OutputType>Exe</OutputType>", true),
            "mstest" => ($"""
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="MSTest.TestFramework" Version="{Version("ConsumerMSTestVersion")}" />
                <PackageReference Include="MSTest.TestAdapter" Version="{Version("ConsumerMSTestVersion")}" />
                <PackageReference Include="MSTest.Analyzers" Version="{Version("ConsumerMSTestVersion")}" />
                """, "", false),
            "nunit" => ($"""
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="NUnit" Version="{Version("ConsumerNUnitVersion")}" />
                <PackageReference Include="NUnit3TestAdapter" Version="{Version("ConsumerNUnitAdapterVersion")}" />
                """, "", false),
            _ => throw new ArgumentOutOfRangeException(nameof(framework)),
        };
        await using var api = await LoopbackApi.StartAsync(failEverything: false);
        var consumer = sdk.CreateConsumer("Filter" + framework.Replace(".", "", StringComparison.Ordinal));
        consumer.WriteFile("api/openapi.yaml", ConsumerBuildTests.Spec);
        consumer.WriteProject("""
            <LoadTestSource Include="api/openapi.yaml" />
            <LoadTestFlow Include="items" Steps="POST /items -> GET /items/{id}" />
            """, properties, packages);
        if (testingPlatform)
        {
            // The README: xunit.v3 4.x under the .NET 10 SDK's dotnet test needs Microsoft.Testing.Platform opted in.
            consumer.WriteFile("global.json", """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        }

        var results = Path.Combine(consumer.Directory, "results");
        var environment = ConsumerBuildTests.RunEnvironment(api.BaseUrl, results);
        environment["LOADTEST_DURATION"] = "3s";
        environment["LOADTEST_TIME_SCALE"] = "1";
        environment["LOADTEST_THINK_TIME"] = "0.05";

        var run = consumer.Dotnet(environment, LoadFilterCommands.Run);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(LoadFilterCommands.TestsRun(run.Output) > 0, "no test ran:\n" + run);
        Assert.Contains(framework == "mstest" ? "using Microsoft.VisualStudio.TestTools.UnitTesting;" : framework == "nunit" ? "using NUnit.Framework;" : "TestContext.Current",
            File.ReadAllText(Directory.GetFiles(consumer.GeneratedDirectory, "*.LoadTests.g.cs").Single()));
        Assert.Single(Directory.GetFiles(results, "summary.json", SearchOption.AllDirectories));

        // A filter that selects nothing: the CI step fails. Under VSTest the same command without the guard passes, which
        // is why the guard is there.
        var nothing = consumer.Dotnet(environment, LoadFilterCommands.CiStep(testingPlatform, "Category=NoSuchCategory"));
        Assert.True(nothing.ExitCode != 0, "the CI step passed although it ran no test:\n" + nothing);
        Assert.Equal(0, LoadFilterCommands.TestsRun(nothing.Output));
        if (!testingPlatform)
        {
            var unguarded = consumer.Dotnet(environment, "test", "--no-build", "--filter", "Category=NoSuchCategory");
            Assert.True(unguarded.ExitCode == 0, unguarded.ToString());
            Assert.Contains("No test matches the given testcase filter", unguarded.Output);
        }
    }

    [Fact]
    public void Readme_test_headers_and_ci_docs_give_the_commands_these_tests_run()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "ci.md"));
        var header = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "LoadTest.Tasks", "Generation", "Templates", "csharp-tests.sbn"));
        var run = "dotnet test --filter " + LoadFilterCommands.Filter;

        Assert.Contains(run + "\n", readme);
        Assert.Contains($"{run} {LoadFilterCommands.VsTestGuard}", readme);
        Assert.Contains($"{run} {LoadFilterCommands.TestingPlatformGuard}", readme);
        Assert.Contains("""{ "test": { "runner": "Microsoft.Testing.Platform" } }""", readme);
        Assert.Contains(run, header);
        Assert.Contains(LoadFilterCommands.VsTestGuard[3..], header);
        Assert.Contains(LoadFilterCommands.TestingPlatformGuard, header);
        Assert.Contains($"--filter {LoadFilterCommands.Filter} {LoadFilterCommands.VsTestGuard}", ci);
        Assert.Contains($"--filter {LoadFilterCommands.Filter} {LoadFilterCommands.TestingPlatformGuard}", ci);
    }
}
