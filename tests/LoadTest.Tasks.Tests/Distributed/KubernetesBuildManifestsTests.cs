using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LoadTest.Tasks.Build;
using LoadTest.Tasks.Distributed;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Tests.Generation;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LoadTest.Tasks.Tests.Distributed;

public sealed class KubernetesBuildManifestsTests : IDisposable
{
    private const string Flow = """
        import http from 'k6/http';
        import * as lt from './lib/loadtest.js';
        export default function () { lt.step(http.get(`${__ENV.BASE_URL}/items`)); }
        """;

    private const string Lib = """
        import encoding from 'k6/encoding';
        export function step(r) { return r; }
        """;

    private static readonly GeneratedFile[] Generated =
    [
        new(GeneratedFileKind.K6Script, "lib/loadtest.js", Lib),
        new(GeneratedFileKind.K6Script, "checkout.js", Flow),
        new(GeneratedFileKind.CSharp, "Shop.Checkout.g.cs", "// C#"),
    ];

    private static readonly KubernetesBuildSettings All = new()
    {
        Kinds = "all",
        ProjectName = "Shop.LoadTests",
        Parallelism = "3",
        BaseUrl = "http://shop.perf.svc:8080",
        Namespace = "perf",
        Secrets = "LOADTEST_PASSWORD;TOKEN=shop-auth/token",
        TestImage = "registry.example.com/shop-loadtests:1.0",
        Command = "dotnet;test;Shop.LoadTests.dll;--filter;Category=Load",
    };

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lt-k8s-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static void AssertValid(string schema, JsonNode? document)
    {
        var results = JsonSchema.FromText(schema).Evaluate(JsonSerializer.SerializeToElement(document), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = results.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.True(results.IsValid, string.Join("\n", errors) + "\n" + document?.ToJsonString());
    }

    private static JsonArray Env(JsonNode container) => container["env"]!.AsArray();

    [Fact]
    public void Imports_between_bundled_scripts_point_at_their_flat_keys()
    {
        var bundle = K6ScriptBundle.Flatten(
        [
            ("lib/loadtest.js", "import { a } from '../shared.js';\nimport x from 'k6/http';"),
            ("checkout.js", Flow),
            ("all-flows.js", "import { checkout } from \"./checkout.js\";\nimport './lib/loadtest.js';\nimport y from './missing.js';"),
            ("shared.js", "export const a = 1;"),
        ]);

        Assert.Equal(["lib-loadtest.js", "checkout.js", "all-flows.js", "shared.js"], bundle.Select(b => b.Key));
        Assert.Equal("import { a } from './shared.js';\nimport x from 'k6/http';", bundle[0].Content);
        Assert.Contains("import * as lt from './lib-loadtest.js';", bundle[1].Content);
        // Only the specifier changes; files that are not in the bundle keep their import.
        Assert.Equal(Flow.Replace("./lib/loadtest.js", "./lib-loadtest.js"), bundle[1].Content);
        Assert.Equal("import { checkout } from \"./checkout.js\";\nimport './lib-loadtest.js';\nimport y from './missing.js';", bundle[2].Content);
    }

    [Fact]
    public void The_build_writes_both_manifests_and_they_validate()
    {
        var output = KubernetesBuildManifests.Create(All, Generated);

        Assert.Empty(output.Errors);
        Assert.Equal(["shop-loadtests.k6-operator.yaml", "shop-loadtests.job.yaml"], output.Files.Select(f => f.RelativePath));
        var bundle = YamlToJson.Documents(output.Files[0].Content);
        AssertValid(KubernetesSchemas.ConfigMap, bundle[0]);
        AssertValid(KubernetesSchemas.TestRun, bundle[1]);
        Assert.Equal(Lib, bundle[0]!["data"]!["lib-loadtest.js"]!.GetValue<string>());
        Assert.Contains("'./lib-loadtest.js'", bundle[0]!["data"]!["checkout.js"]!.GetValue<string>());
        Assert.Equal("checkout.js", bundle[1]!["spec"]!["script"]!["configMap"]!["file"]!.GetValue<string>());
        Assert.Equal(3, bundle[1]!["spec"]!["parallelism"]!.GetValue<long>());

        var job = YamlToJson.Documents(output.Files[1].Content)[0]!;
        AssertValid(KubernetesSchemas.Job, job);
        var container = job["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(["dotnet", "test", "Shop.LoadTests.dll", "--filter", "Category=Load"], container["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("perf", job["metadata"]!["namespace"]!.GetValue<string>());

        // Secrets: plain VAR refers to <name>-secrets, VAR=secret/key to that Secret; never a value.
        foreach (var env in new[] { Env(bundle[1]!["spec"]!["runner"]!), Env(container) })
        {
            JsonNode Variable(string name) => env.Single(e => e!["name"]!.GetValue<string>() == name)!;
            Assert.Null(Variable("LOADTEST_PASSWORD")["value"]);
            Assert.Equal("shop-loadtests-secrets", Variable("LOADTEST_PASSWORD")["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal("LOADTEST_PASSWORD", Variable("LOADTEST_PASSWORD")["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
            Assert.Equal("shop-auth", Variable("TOKEN")["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
            Assert.Equal("token", Variable("TOKEN")["valueFrom"]!["secretKeyRef"]!["key"]!.GetValue<string>());
            Assert.Equal("http://shop.perf.svc:8080", Variable("BASE_URL")["value"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_mix_is_the_TestRun_script_when_there_is_one()
    {
        var output = KubernetesBuildManifests.Create(All with { Kinds = "k6-operator" },
            [.. Generated, new(GeneratedFileKind.K6Script, "browse.js", Flow), new(GeneratedFileKind.K6Script, "all-flows.js", "import './checkout.js';")]);

        var testRun = YamlToJson.Documents(Assert.Single(output.Files).Content)[1]!;
        Assert.Equal("all-flows.js", testRun["spec"]!["script"]!["configMap"]!["file"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("none", "")]
    [InlineData("K6-Operator", "shop-loadtests.k6-operator.yaml")]
    [InlineData("job", "shop-loadtests.job.yaml")]
    public void The_kind_picks_the_files(string kinds, string file)
    {
        var output = KubernetesBuildManifests.Create(All with { Kinds = kinds }, Generated);

        Assert.Empty(output.Errors);
        Assert.Equal(file.Length == 0 ? [] : [file], output.Files.Select(f => f.RelativePath));
    }

    public static TheoryData<KubernetesBuildSettings, string> BadSettings() => new()
    {
        { All with { Kinds = "helm" }, "LT3020" },
        { All with { Parallelism = "three" }, "LT3021" },
        { All with { BaseUrl = "" }, "LT3022" },
        { All with { BaseUrl = "shop:8080" }, "LT3022" },
        { All with { Secrets = "TOKEN=shop-auth" }, "LT3023" },
        { All with { Script = "nope.js" }, "LT3024" },
        { All with { Name = "Shop_Load" }, "LT2090" },
        { All with { Parallelism = "0" }, "LT2091" },
        { All with { Secrets = "BASE_URL" }, "LT2091" },
        { All with { TestImage = "" }, "LT2092" },
        { All with { CpuRequest = "lots" }, "LT2093" },
        { All with { Namespace = "Perf_Team" }, "LT2093" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_values_give_a_coded_error_that_names_the_property(KubernetesBuildSettings settings, string code)
    {
        var output = KubernetesBuildManifests.Create(settings, Generated);

        Assert.Empty(output.Files);
        var error = Assert.Single(output.Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains("LoadTestKubernetes", error.Message);
    }

    [Theory]
    [InlineData("Shop.LoadTests", "shop-loadtests")]
    [InlineData("__My  Big_API__", "my-big-api")]
    [InlineData("___", "loadtest")]
    public void The_default_name_is_a_DNS_label_from_the_project_name(string project, string name) =>
        Assert.Equal(name, KubernetesBuildManifests.DefaultName(project));

    [Fact]
    public void The_task_writes_the_manifests_with_the_scripts_and_removes_them_when_turned_off()
    {
        var engine = new RecordingBuildEngine(Path.Combine(_root, "LoadTest.Sdk.targets"));
        GenerateLoadTests Task(string kinds) => new()
        {
            BuildEngine = engine,
            Sources = [new TaskItem(Path.Combine(GenerationFixtures.RepoRoot(), "samples", "ShopApi", "openapi.yaml"))],
            Flows = [new TaskItem("checkout", new Dictionary<string, string> { ["Steps"] = "POST /api/cart/add -> POST /api/orders/create -> GET /api/orders/{id}" })],
            ProjectDirectory = _root,
            ScriptsDirectory = Path.Combine(_root, "load-tests"),
            GeneratedDirectory = Path.Combine(_root, "obj", "LoadTests"),
            ManifestFile = Path.Combine(_root, "obj", "LoadTests", "loadtest.manifest"),
            RootNamespace = "Shop.LoadTests",
            TestFramework = "none",
            ProjectName = "Shop.LoadTests",
            Kubernetes = kinds,
            KubernetesBaseUrl = "http://shop.perf.svc:8080",
            KubernetesImage = "registry.example.com/shop-loadtests:1.0",
            KubernetesParallelism = "4",
        };
        var operatorFile = Path.Combine(_root, "load-tests", "shop-loadtests.k6-operator.yaml");
        var jobFile = Path.Combine(_root, "load-tests", "shop-loadtests.job.yaml");

        Assert.True(Task("all").Execute(), string.Join("\n", engine.Errors.Select(e => e.Message)));

        Assert.True(File.Exists(operatorFile));
        Assert.True(File.Exists(jobFile));
        var manifest = File.ReadAllLines(Path.Combine(_root, "obj", "LoadTests", "loadtest.manifest"));
        Assert.Contains(operatorFile, manifest);
        Assert.Contains(jobFile, manifest);
        // The ConfigMap holds exactly the k6 files written beside it, flattened.
        var bundle = YamlToJson.Documents(File.ReadAllText(operatorFile));
        AssertValid(KubernetesSchemas.ConfigMap, bundle[0]);
        AssertValid(KubernetesSchemas.TestRun, bundle[1]);
        var scripts = Directory.EnumerateFiles(Path.Combine(_root, "load-tests"), "*.js", SearchOption.AllDirectories)
            .Select(p => K6ScriptBundle.Key(Path.GetRelativePath(Path.Combine(_root, "load-tests"), p)));
        Assert.Equal(scripts.Order(StringComparer.Ordinal), bundle[0]!["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        AssertValid(KubernetesSchemas.Job, YamlToJson.Documents(File.ReadAllText(jobFile))[0]);

        Assert.True(Task("k6-operator").Execute());
        Assert.True(File.Exists(operatorFile));
        Assert.False(File.Exists(jobFile));

        Assert.True(Task("").Execute());
        Assert.False(File.Exists(operatorFile));
        Assert.True(File.Exists(Path.Combine(_root, "load-tests", "checkout.js")));
    }

    [Fact]
    public void The_task_reports_a_bad_value_on_the_project_file()
    {
        var project = Path.Combine(_root, "Shop.LoadTests.csproj");
        var engine = new RecordingBuildEngine(Path.Combine(_root, "LoadTest.Sdk.targets"));
        var task = new GenerateLoadTests
        {
            BuildEngine = engine,
            Sources = [new TaskItem(Path.Combine(GenerationFixtures.RepoRoot(), "samples", "ShopApi", "openapi.yaml"))],
            ProjectDirectory = _root,
            ScriptsDirectory = Path.Combine(_root, "load-tests"),
            GeneratedDirectory = Path.Combine(_root, "obj", "LoadTests"),
            ManifestFile = Path.Combine(_root, "obj", "LoadTests", "loadtest.manifest"),
            RootNamespace = "Shop.LoadTests",
            TestFramework = "none",
            ProjectFile = project,
            Kubernetes = "job",
            KubernetesBaseUrl = "http://shop.perf.svc:8080",
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("LT2092", error.Code);
        Assert.Equal(project, error.File);
        Assert.Contains("LoadTestKubernetesImage", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, "load-tests")) && Directory.EnumerateFiles(Path.Combine(_root, "load-tests"), "*.yaml").Any());
    }

    private sealed class RecordingBuildEngine(string taskFile) : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        // As in a real build: the file holding the task node is the package's .targets, not the user's project.
        public string ProjectFileOfTaskNode => taskFile;
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
        public void LogMessageEvent(BuildMessageEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) { }
    }
}
