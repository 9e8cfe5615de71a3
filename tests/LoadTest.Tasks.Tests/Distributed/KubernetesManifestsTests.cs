using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LoadTest.Runtime.Distributed;
using LoadTest.Tasks.Distributed;

namespace LoadTest.Tasks.Tests.Distributed;

public sealed class KubernetesManifestsTests
{
    private const string Script = """
        import http from 'k6/http';
        // key: value lines, quotes " and ', a # that is not a YAML comment
        export const options = { scenarios: { main: { executor: 'constant-vus', vus: 40, duration: '5m' } } };

          const indented = "keeps its two spaces";
        export default function () { http.get(`${__ENV.BASE_URL}/items?tag=#1`); }

        """;

    private static readonly KubernetesRunOptions Options = new("shop-load", 4, "http://shop.default.svc:8080")
    {
        Namespace = "perf",
        Secrets = [new SecretVariable("LOADTEST_API_KEY", "shop-secrets", "api-key")],
        TestImage = "registry.example.com/shop-loadtests:1.0",
    };

    private static void AssertValid(string schema, JsonNode? document)
    {
        var results = JsonSchema.FromText(schema).Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = results.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.True(results.IsValid, string.Join("\n", errors) + "\n" + document?.ToJsonString());
    }

    private static bool IsValid(string schema, JsonNode? document) =>
        JsonSchema.FromText(schema).Evaluate(JsonSerializer.SerializeToElement(document)).IsValid;

    [Fact]
    public void The_k6_operator_bundle_is_a_valid_ConfigMap_and_TestRun()
    {
        var documents = YamlToJson.Documents(KubernetesManifests.K6OperatorBundle(Options, "shop.k6.js", Script));

        Assert.Equal(2, documents.Count);
        AssertValid(KubernetesSchemas.ConfigMap, documents[0]);
        AssertValid(KubernetesSchemas.TestRun, documents[1]);
        var spec = documents[1]!["spec"]!;
        Assert.Equal(4, spec["parallelism"]!.GetValue<long>());
        Assert.Equal("shop-load-script", spec["script"]!["configMap"]!["name"]!.GetValue<string>());
        Assert.Equal("shop.k6.js", spec["script"]!["configMap"]!["file"]!.GetValue<string>());
        Assert.Contains("--out json=/tmp/", spec["arguments"]!.GetValue<string>());
        Assert.Contains("--summary-export=", spec["arguments"]!.GetValue<string>());
        Assert.Equal("perf", documents[1]!["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("no final newline")]
    [InlineData("two final newlines\n\n")]
    [InlineData("  starts indented\nthen: not\n")]
    [InlineData("tabs\tand \"quotes\" and 'single' and trailing spaces   \n\n\nblank lines above\n")]
    public void The_script_reads_back_byte_for_byte(string script)
    {
        var documents = YamlToJson.Documents(KubernetesManifests.ConfigMap(Options, "s.js", script));

        Assert.Equal(script, documents[0]!["data"]!["s.js"]!.GetValue<string>());
    }

    [Fact]
    public void The_generated_script_reads_back_byte_for_byte()
    {
        var documents = YamlToJson.Documents(KubernetesManifests.ConfigMap(Options, "shop.k6.js", Script));

        Assert.Equal(Script, documents[0]!["data"]!["shop.k6.js"]!.GetValue<string>());
    }

    [Fact]
    public void Secrets_are_references_never_values()
    {
        var testRun = YamlToJson.Documents(KubernetesManifests.TestRun(Options, "shop.k6.js"))[0]!;
        var job = YamlToJson.Documents(KubernetesManifests.IndexedJob(Options))[0]!;

        foreach (var env in new[] { testRun["spec"]!["runner"]!["env"]!, job["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]! }.Select(e => e.AsArray()))
        {
            var secret = env.Single(e => e!["name"]!.GetValue<string>() == "LOADTEST_API_KEY")!;
            Assert.Null(secret["value"]);
            Assert.Equal("shop-secrets", secret["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal("api-key", secret["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
            Assert.Equal("http://shop.default.svc:8080", env.Single(e => e!["name"]!.GetValue<string>() == "BASE_URL")!["value"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_indexed_job_gives_each_pod_its_segment()
    {
        var job = YamlToJson.Documents(KubernetesManifests.IndexedJob(Options))[0]!;

        AssertValid(KubernetesSchemas.Job, job);
        Assert.Equal("Indexed", job["spec"]!["completionMode"]!.GetValue<string>());
        Assert.Equal(4, job["spec"]!["completions"]!.GetValue<long>());
        var env = job["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        string? Value(string name) => env.Single(e => e!["name"]!.GetValue<string>() == name)!["value"]?.GetValue<string>();
        var segment = env.Single(e => e!["name"]!.GetValue<string>() == "LOADTEST_SEGMENT")!;
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", segment["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("/results/$(LOADTEST_SEGMENT)", Value("LOADTEST_RESULTS_DIR"));

        // What each pod's runtime makes of its completion index: the four quarters, in order, covering the test.
        var sequence = Value("LOADTEST_SEGMENT_SEQUENCE");
        var segments = Enumerable.Range(0, 4).Select(index =>
        {
            var variables = new Dictionary<string, string?> { ["LOADTEST_SEGMENT"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture), ["LOADTEST_SEGMENT_SEQUENCE"] = sequence };
            return ExecutionTuple.FromEnvironment(name => variables.GetValueOrDefault(name)).Segment.ToString();
        });
        Assert.Equal(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"], segments);
    }

    [Fact]
    public void The_schemas_reject_what_Kubernetes_would()
    {
        var testRun = YamlToJson.Documents(KubernetesManifests.TestRun(Options, "shop.k6.js"))[0]!;
        testRun["spec"]!["parallelism"] = "4";
        Assert.False(IsValid(KubernetesSchemas.TestRun, testRun));

        var job = YamlToJson.Documents(KubernetesManifests.IndexedJob(Options))[0]!;
        job["spec"]!["template"]!["spec"]!["restartPolicy"] = "Always";
        Assert.False(IsValid(KubernetesSchemas.Job, job));
    }

    [Theory]
    [InlineData("Shop_Load", 2, "LT2090")]
    [InlineData("shop-load", 0, "LT2091")]
    public void Bad_options_give_diagnostics(string name, int parallelism, string code)
    {
        var error = Assert.Throws<DistributedConfigurationException>(() => KubernetesManifests.TestRun(new KubernetesRunOptions(name, parallelism, "http://x"), "s.js"));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void The_job_needs_an_image()
    {
        var error = Assert.Throws<DistributedConfigurationException>(() => KubernetesManifests.IndexedJob(Options with { TestImage = "" }));
        Assert.Equal("LT2092", error.Code);
    }
}
