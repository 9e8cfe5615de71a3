using System.Text.Json;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// The generator's entry point (called by the MSBuild task): plans flows from the API model and renders each one as
/// a k6 script and a C# twin, plus the shared k6 helper module, the C# auth helper and the test classes.
/// Same input, same bytes out.
/// </summary>
public static class LoadTestGenerator
{
    private static readonly HashSet<string> Frameworks = new(StringComparer.OrdinalIgnoreCase) { "xunit", "xunit.v3", "mstest", "nunit", "none" };

    public static GenerationOutput Generate(ApiModel model, GenerationOptions options)
    {
        var diagnostics = new List<SourceDiagnostic>();
        if (!Frameworks.Contains(options.TestFramework))
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2010", $"Unknown test framework '{options.TestFramework}'; xunit test classes are generated.", new SourceLocation(options.SourceName),
                "Set LoadTestFramework to xunit, xunit.v3, mstest, nunit or none."));
            options = options with { TestFramework = "xunit" };
        }

        LoadPlan plan;
        try
        {
            plan = LoadPlanner.Build(model, options, diagnostics);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of ours must still reach the user as a diagnostic, not a stack trace.
            diagnostics.Add(SourceDiagnostic.Error("LT2099", $"Planning the load tests of {model.Title} failed: {e.GetType().Name}: {e.Message}", new SourceLocation(options.SourceName),
                "Please report this with the API description; meanwhile declare flows explicitly to work around it."));
            return new GenerationOutput([], diagnostics);
        }

        return Render(plan, options, diagnostics);
    }

    internal static GenerationOutput Render(LoadPlan plan, GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        var script = TemplateModelBuilder.Build(plan, options);
        var renderer = new TemplateRenderer(options.TemplatesDirectory, diagnostics);
        var files = new List<GeneratedFile>();
        var vocabulary = JsonSerializer.Serialize(PayloadVocabulary.ByName);

        Dictionary<string, object?> Globals(FlowModel? flow) => new()
        {
            ["model"] = script,
            ["flow"] = flow,
            ["manifest_marker"] = Manifest.Marker,
            ["vocabulary_json"] = vocabulary,
        };

        void Add(GeneratedFileKind kind, string path, string template, FlowModel? flow)
        {
            if (renderer.Render(template, Globals(flow)) is { } content)
            {
                files.Add(new GeneratedFile(kind, path, content));
            }
        }

        if (script.Flows.Count == 0)
        {
            return new GenerationOutput([], diagnostics);
        }

        Add(GeneratedFileKind.K6Script, "lib/loadtest.js", "k6-lib.js.sbn", null);
        foreach (var flow in script.Flows)
        {
            Add(GeneratedFileKind.K6Script, flow.File, "k6-flow.js.sbn", flow);
            Add(GeneratedFileKind.CSharp, $"{script.SourceName}.{flow.ClassName}.g.cs", "csharp-scenario.sbn", flow);
        }

        Add(GeneratedFileKind.CSharp, $"{script.SourceName}.Auth.g.cs", "csharp-auth.sbn", null);
        if (script.Flows.Count > 1)
        {
            Add(GeneratedFileKind.K6Script, script.AllFlowsName + ".js", "k6-mix.js.sbn", null);
            Add(GeneratedFileKind.CSharp, $"{script.SourceName}.AllFlows.g.cs", "csharp-mix.sbn", null);
        }

        if (!options.TestFramework.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            Add(GeneratedFileKind.CSharp, $"{script.SourceName}.LoadTests.g.cs", "csharp-tests.sbn", null);
        }

        return new GenerationOutput(files, diagnostics);
    }
}
