using System.Text.Json;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Sources.OpenApi;
using LoadTest.Tests.Shared;
using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>
/// Every k6 script generated from the sample's openapi.yaml (the declared checkout flow, each default flow and
/// all-flows.js) runs under the real k6 v0.48 against the sample API on loopback, for two seconds with two VUs:
/// it writes <c>&lt;name&gt;.summary.json</c> where the README says (k6's working directory, or the existing folder
/// given as <c>-e LOADTEST_RESULTS_DIR</c>), and k6's stdout holds the end-of-test text summary.
/// </summary>
public sealed class K6ScriptRunTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lt-k6-run-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Declared_checkout_script_writes_its_summary_in_the_working_directory_and_prints_the_text_summary()
    {
        var scripts = Generate("declared", [new FlowDeclaration("checkout", ["POST /api/cart/add", "POST /api/orders/create", "GET /api/orders/{id}"])]);
        // Started elsewhere than the scripts' folder, as `k6 run load-tests/checkout.js` from the project is.
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_root, "project")).FullName;

        var run = RunK6(Path.Combine(scripts, "checkout.js"), workingDirectory, resultsDirectory: null);

        AssertSummaryWritten(run, Path.Combine(workingDirectory, "checkout.summary.json"), "checkout.summary.json");
        // A complete checkout: every check of the flow passed (so the text summary shows them all ticked).
        Assert.True(Regex.IsMatch(run.Stdout, @"^\s+✓ orders create 201$", RegexOptions.Multiline), run.ToString());
    }

    [Fact]
    public void Every_default_flow_script_and_all_flows_write_their_summary_into_LOADTEST_RESULTS_DIR()
    {
        var scripts = Generate("default", []);
        var names = Directory.GetFiles(scripts, "*.js").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("all-flows", names);
        Assert.True(names.Count >= 3, "expected several default flows and all-flows.js, got " + string.Join(", ", names));
        foreach (var name in names)
        {
            // As the README runs one for the report: a folder per run, k6's NDJSON beside the summary.
            var results = Directory.CreateDirectory(Path.Combine(_root, "results", name)).FullName;
            var run = RunK6(Path.Combine(scripts, name + ".js"), scripts, results, "--out", "json=" + Path.Combine(results, "k6.ndjson"));
            AssertSummaryWritten(run, Path.Combine(results, name + ".summary.json"), results + "/" + name + ".summary.json");

            // What LoadTestReport reads from that folder: the summary and the time series, by content.
            var loaded = ResultsLoader.Load(results);
            Assert.True(loaded.Summary is not null && loaded.TimeSeries is not null, string.Join("\n", loaded.Diagnostics.Select(d => d.Message)));
            Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            Assert.Equal(new[] { ResultsFormat.K6HandleSummary, ResultsFormat.K6Ndjson }, loaded.Formats.Order());
        }
    }

    [Fact]
    public void Readme_states_the_minimum_k6_the_scripts_require_and_the_k6_version_tested_here()
    {
        var version = K6Tool.Run(["version"], AppContext.BaseDirectory, null, TimeSpan.FromSeconds(30));
        var tested = Regex.Match(version.Stdout, @"k6 (v\d+\.\d+\.\d+)");
        Assert.True(tested.Success, version.ToString());
        var scripts = Generate("version", []);
        var required = Regex.Match(File.ReadAllText(Path.Combine(scripts, "all-flows.js")), @"Requires k6 (v\d+\.\d+) or newer");
        Assert.True(required.Success);

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.Contains($"k6 {required.Groups[1].Value} or newer; tested with k6 {tested.Groups[1].Value}", readme);
        Assert.True(Version.Parse(tested.Groups[1].Value[1..]) >= Version.Parse(required.Groups[1].Value[1..]), "the k6 tested is older than the minimum stated");
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadTest.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LoadTest.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private string Generate(string folder, IReadOnlyList<FlowDeclaration> flows)
    {
        var read = new OpenApiSourceReader().Read(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"));
        Assert.True(read.Model is not null, string.Join("; ", read.Diagnostics.Select(d => d.Message)));
        var output = LoadTestGenerator.Generate(read.Model!, new GenerationOptions("ShopApi", "ShopApi.LoadTests") { Flows = flows });
        Assert.False(output.HasErrors, string.Join("; ", output.Diagnostics.Select(d => d.Message)));
        var directory = Path.Combine(_root, folder, "load-tests");
        foreach (var file in output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script))
        {
            var path = Path.Combine(directory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return directory;
    }

    private K6Result RunK6(string script, string workingDirectory, string? resultsDirectory, params string[] options)
    {
        var env = new Dictionary<string, string>
        {
            ["BASE_URL"] = shop.Host.BaseUrl.ToString().TrimEnd('/'),
            ["LOADTEST_PROFILE"] = "smoke",
            ["LOADTEST_VUS"] = "2",
            ["LOADTEST_DURATION"] = "2s",
            ["LOADTEST_THINK_TIME"] = "0.05",
            ["LOADTEST_USERNAME"] = "loadtest",
            ["LOADTEST_PASSWORD"] = ShopApiOptions.DemoUsers["loadtest"],
        };
        if (resultsDirectory is not null)
        {
            env["LOADTEST_RESULTS_DIR"] = resultsDirectory;
        }

        // Only what is given here: a LOADTEST_* variable of the test process must not redirect the summary.
        var arguments = new List<string> { "run", "--include-system-env-vars=false" };
        foreach (var (key, value) in env)
        {
            arguments.Add("-e");
            arguments.Add($"{key}={value}");
        }

        arguments.AddRange(options);
        arguments.Add(script);
        return K6Tool.Run(arguments, workingDirectory, null, TimeSpan.FromSeconds(90));
    }

    private static void AssertSummaryWritten(K6Result run, string path, string shownAs)
    {
        // 99: a threshold failed (k6 still writes the summary); anything else is a script or k6 error.
        Assert.True(run.ExitCode is 0 or 99 && !run.TimedOut, run.ToString());
        Assert.DoesNotContain("end-of-test summary", run.Stderr);
        Assert.True(File.Exists(path), $"{path} was not written\n{run}");
        using (var summary = JsonDocument.Parse(File.ReadAllText(path)))
        {
            var metrics = summary.RootElement.GetProperty("metrics");
            Assert.True(metrics.GetProperty("http_reqs").GetProperty("values").GetProperty("count").GetDouble() > 0, run.ToString());
            Assert.True(summary.RootElement.GetProperty("root_group").GetProperty("checks").GetArrayLength() > 0);
        }

        // k6's end-of-test summary layout: a dotted line per metric, thresholds marked, trends with their stats.
        void Shows(string pattern) => Assert.True(Regex.IsMatch(run.Stdout, pattern, RegexOptions.Multiline), $"stdout does not match {pattern}\n{run}");
        Shows(@"^\s+http_reqs\.+: \d+\s+\d+(\.\d+)?/s$");
        Shows(@"^\s+[✓✗] http_req_duration\.+: avg=\S+ +min=\S+ +med=\S+ +max=\S+ +p\(90\)=\S+ +p\(95\)=\S+ +p\(99\)=\S+$");
        Shows(@"^\s+[✓✗] http_req_failed\.+: \d+\.\d\d% +✓ \d+ +✗ \d+$");
        Shows(@"^\s+([✓✗] )?\{ name:.+ \}\.+: avg=");
        Shows(@"^\s+data_received\.+: \d+(\.\d)? [kMG]?B\s+\d+(\.\d)? [kMG]?B/s$");
        Assert.Contains("summary JSON: " + shownAs, run.Stdout);
    }
}
