using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Pipeline;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// The property test of issue #13: random OpenAPI documents full of random schemas and hostile text (see
/// <see cref="HostileSpecs"/>) go through the whole pipeline, as a build with many LoadTestSources would. Every k6
/// script must pass real <c>k6 inspect</c>, every C# file must compile and its plans must build, and no canary may
/// become code: neither in the syntax of any generated file nor at run time in k6's init context.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    /// <summary>Fixed, so a failure reproduces; printed with the figures.</summary>
    private const int Seed = 20261206;
    private const int Documents = 20;
    private const int SchemasPerDocument = 30;
    private const int OperationsPerDocument = 12;

    [Fact]
    public void Random_schemas_and_hostile_spec_text_give_k6_scripts_and_twins_that_are_valid_with_no_injected_code()
    {
        output.WriteLine($"seed {Seed}");
        var clock = Stopwatch.StartNew();
        var specs = new HostileSpecs(Seed);
        var project = Directory.CreateTempSubdirectory("lt-hostile-");
        try
        {
            var sources = new List<SourceRequest>();
            for (var i = 0; i < Documents; i++)
            {
                var path = Path.Combine(project.FullName, $"api{i}.json");
                var json = specs.Document(SchemasPerDocument, OperationsPerDocument)
                    .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
                File.WriteAllText(path, json);
                sources.Add(new SourceRequest(path, null));
            }

            var result = GenerationPipeline.Run(new PipelineRequest(sources, [], new GenerationSettings(
                "Hostile.Tests", "xunit", "smoke", new Dictionary<string, string>(), Seed, null, null, null, "load-tests") { ProjectDirectory = project.FullName }));
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(d => $"{d.Code} {d.Location}: {d.Message}")));

            var scripts = result.Files.Where(f => f.Kind == GeneratedFileKind.K6Script).ToList();
            var twins = result.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
            Assert.Equal(Documents, twins.Count(t => t.RelativePath.EndsWith(".Auth.g.cs", StringComparison.Ordinal)));
            Assert.Contains(result.Diagnostics, d => d.Code == "LT2020");
            var generated = clock.Elapsed;

            // No spec text became code: not in any script's syntax tree, not in any C# token or directive.
            var injected = scripts.SelectMany(GeneratedScripts.InjectedCode).Concat(TwinCompiler.InjectedCode(twins, GeneratedScripts.Canary)).ToList();
            Assert.True(injected.Count == 0, string.Join("\n", injected.Take(20)));

            // Every C# file compiles, together as one project would; every plan builds (static initialisers run).
            var (problems, plans) = TwinCompiler.BuildPlans(twins);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
            var flows = scripts.Count(s => s.RelativePath != "lib/loadtest.js" && !s.RelativePath.Contains("all-flows", StringComparison.Ordinal));
            Assert.True(plans >= flows, $"{plans} plans built for {flows} flows");
            var compiled = clock.Elapsed;

            // Every script passes real k6 inspect (its init code runs: a canary there would fail the batch).
            GeneratedScripts.AssertInspected([("hostile documents", result)]);

            output.WriteLine(
                $"{Documents} documents, {specs.SchemaCount} schemas, {specs.PayloadCount} hostile strings placed; " +
                $"{scripts.Count - 1} k6 scripts ({scripts.Sum(s => s.Content.Length) / 1024} KB), {twins.Count} C# files ({twins.Sum(t => t.Content.Length) / 1024} KB), {plans} plans; " +
                $"generated in {generated.TotalSeconds:F1} s, compiled by {compiled.TotalSeconds:F1} s, k6 inspected by {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            project.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_checks_see_spec_text_that_became_code()
    {
        // The property test must be able to fail: a writer that pasted spec text raw would be caught by each check.
        var raw = "a\n globalThis.__canary = 1; //";
        var script = new GeneratedFile(GeneratedFileKind.K6Script, "bad.js", $"// title: {raw}\nexport default function () {{}}\n");
        var twin = ("Bad.g.cs", $"// title: {raw.Replace("globalThis.", "", StringComparison.Ordinal)}\nclass Bad {{ }}\n");

        Assert.NotEmpty(GeneratedScripts.InjectedCode(script));
        Assert.NotEmpty(TwinCompiler.InjectedCode([twin], GeneratedScripts.Canary));
        Assert.NotEmpty(TwinCompiler.InjectedCode([("Directive.g.cs", "// x\n#error injected\nclass D { }\n")], GeneratedScripts.Canary));
        var problems = GeneratedScripts.Inspect([("bad", new GenerationOutput([script], []))], out _);
        Assert.Contains(problems, p => p.Contains("canary", StringComparison.Ordinal));

        // The writers keep the same text inert.
        Assert.Empty(GeneratedScripts.InjectedCode(script with { Content = $"// title: {JsWriter.Comment(raw)}\nconst t = {JsWriter.String(raw)};\nexport default function () {{}}\n" }));
        Assert.Empty(TwinCompiler.InjectedCode([("Good.g.cs", $"// title: {CSharpWriter.Comment(raw)}\nclass Good {{ const string T = {CSharpWriter.String(raw)}; }}\n")], GeneratedScripts.Canary));
    }
}
