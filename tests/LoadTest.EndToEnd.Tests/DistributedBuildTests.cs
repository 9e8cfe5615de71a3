using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LoadTest.EndToEnd.Tests.Infrastructure;
using LoadTest.Tasks.Tests.Distributed;

namespace LoadTest.EndToEnd.Tests;

/// <summary>Distributed runs from a consumer's point of view: manifests from dotnet build, and the LoadTestMerge target.</summary>
[Collection(PackagedSdkCollection.Name)]
public sealed class DistributedBuildTests(PackagedSdkFixture sdk)
{
    private const string Image = "registry.example.com/items-loadtests:1.0";

    private static void AssertValid(string schema, JsonNode? document)
    {
        var results = JsonSchema.FromText(schema).Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = results.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.True(results.IsValid, string.Join("\n", errors) + "\n" + document?.ToJsonString());
    }

    [Fact]
    public void Build_with_LoadTestKubernetes_all_writes_manifests_that_validate_and_clean_removes_them()
    {
        var consumer = sdk.CreateConsumer("Kubernetes");
        consumer.WriteFile("api/openapi.yaml", ConsumerBuildTests.Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""", """
            <LoadTestKubernetes>all</LoadTestKubernetes>
            <LoadTestKubernetesParallelism>3</LoadTestKubernetesParallelism>
            <LoadTestKubernetesBaseUrl>http://items.perf.svc:8080</LoadTestKubernetesBaseUrl>
            <LoadTestKubernetesNamespace>perf</LoadTestKubernetesNamespace>
            <LoadTestKubernetesSecrets>LOADTEST_PASSWORD</LoadTestKubernetesSecrets>
            """);
        // The password is in the build's environment, as on a CI agent: it must not reach any file.
        var environment = new Dictionary<string, string?> { ["LOADTEST_PASSWORD"] = "hunter2-not-in-yaml" };

        var withoutImage = consumer.Dotnet(environment, "build");
        Assert.NotEqual(0, withoutImage.ExitCode);
        Assert.True(withoutImage.Output.Contains("Kubernetes.csproj : error LT2092", StringComparison.Ordinal), withoutImage.ToString());
        Assert.Contains("LoadTestKubernetesImage", withoutImage.Output);
        Assert.DoesNotContain("   at ", withoutImage.Output);

        var build = consumer.Dotnet(environment, "build", $"-p:LoadTestKubernetesImage={Image}");
        Assert.True(build.ExitCode == 0, build.ToString());
        var operatorFile = Path.Combine(consumer.ScriptsDirectory, "kubernetes.k6-operator.yaml");
        var jobFile = Path.Combine(consumer.ScriptsDirectory, "kubernetes.job.yaml");
        var bundle = YamlToJson.Documents(File.ReadAllText(operatorFile));
        AssertValid(KubernetesSchemas.ConfigMap, bundle[0]);
        AssertValid(KubernetesSchemas.TestRun, bundle[1]);
        var job = YamlToJson.Documents(File.ReadAllText(jobFile))[0];
        AssertValid(KubernetesSchemas.Job, job);

        // The ConfigMap carries every generated k6 file, and the TestRun runs one of them on 3 runners.
        var scripts = Directory.GetFiles(consumer.ScriptsDirectory, "*.js", SearchOption.AllDirectories);
        Assert.Equal(scripts.Length, bundle[0]!["data"]!.AsObject().Count);
        var entry = bundle[1]!["spec"]!["script"]!["configMap"]!["file"]!.GetValue<string>();
        Assert.True(bundle[0]!["data"]![entry] is not null, entry);
        Assert.Equal(3, bundle[1]!["spec"]!["parallelism"]!.GetValue<long>());
        var container = job!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(Image, container["image"]!.GetValue<string>());
        Assert.Contains("Kubernetes.dll", container["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("kubernetes-secrets",
            container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "LOADTEST_PASSWORD")!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("hunter2", File.ReadAllText(operatorFile) + File.ReadAllText(jobFile));

        var clean = consumer.Dotnet(environment, "clean", $"-p:LoadTestKubernetesImage={Image}");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(operatorFile), operatorFile + " survived dotnet clean");
        Assert.False(File.Exists(jobFile), jobFile + " survived dotnet clean");
    }

    [Fact]
    public async Task LoadTestMerge_merges_three_segment_runs_judges_the_thresholds_and_reports()
    {
        await using var api = await LoopbackApi.StartAsync(failEverything: false);
        var consumer = sdk.CreateConsumer("Merge");
        consumer.WriteFile("api/openapi.yaml", ConsumerBuildTests.Spec);
        consumer.WriteProject("""<LoadTestSource Include="api/openapi.yaml" />""");
        var build = consumer.Dotnet("build");
        Assert.True(build.ExitCode == 0, build.ToString());
        var results = Path.Combine(consumer.Directory, "results");

        // Three processes, each its third of the test, started together as a Kubernetes Indexed Job would.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            return consumer.Dotnet(new Dictionary<string, string?>
            {
                ["BASE_URL"] = api.BaseUrl.ToString().TrimEnd('/'),
                ["LOADTEST_PROFILE"] = "smoke",
                ["LOADTEST_VUS"] = "3",
                ["LOADTEST_DURATION"] = "4s",
                ["LOADTEST_TIME_SCALE"] = "0.05",
                ["LOADTEST_QUIET"] = "1",
                ["LOADTEST_SEGMENT"] = index,
                ["LOADTEST_SEGMENT_SEQUENCE"] = "0,1/3,2/3,1",
                ["LOADTEST_RESULTS_DIR"] = Path.Combine(results, index),
            }, "test", "--no-build", "--filter", "Category=Load");
        })));
        var plans = Directory.GetDirectories(Path.Combine(results, "0")).Select(Path.GetFileName).ToArray();
        Assert.True(plans.Length > 0, string.Join("\n", runs.Select(r => r.ToString())));

        var merge = consumer.Dotnet("msbuild", "-t:LoadTestMerge", $"-p:LoadTestMergeInputs={results}");
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Contains("LoadTest.Sdk merge", merge.Output);
        Assert.Contains("passed", merge.Output);
        foreach (var plan in plans)
        {
            var merged = Path.Combine(results, "merged", plan!);
            Assert.True(File.Exists(Path.Combine(merged, "report.md")), merge.ToString());
            // The merged request count is the sum of the three instances' counts.
            var instances = Enumerable.Range(0, 3).Sum(i => Requests(Path.Combine(results, i.ToString(CultureInfo.InvariantCulture), plan!, "summary.json")));
            Assert.Equal(instances, Requests(Path.Combine(merged, "summary.json")));
            Assert.True(instances > 0);
        }

        var missing = consumer.Dotnet("msbuild", "-t:LoadTestMerge", "-p:LoadTestMergeInputs=" + Path.Combine(consumer.Directory, "no-results"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("error LT3030", missing.Output);
    }

    private static long Requests(string summaryPath)
    {
        if (!File.Exists(summaryPath)) return 0;
        using var document = JsonDocument.Parse(File.ReadAllText(summaryPath));
        // An instance whose share made no request has no http_reqs metric.
        return document.RootElement.GetProperty("metrics").TryGetProperty("http_reqs", out var requests)
            ? (long)requests.GetProperty("values").GetProperty("count").GetDouble()
            : 0;
    }
}
