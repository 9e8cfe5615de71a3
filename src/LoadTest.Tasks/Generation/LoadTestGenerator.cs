using System.Text.Json;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Planning.Inference;

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
        options = Normalize(options, diagnostics);
        var plan = Plan(model, options, diagnostics);
        return plan is null ? new GenerationOutput([], diagnostics) : Render(plan, options, diagnostics);
    }

    /// <summary>Options as the generator uses them: an unknown test framework becomes xunit (LT2010).</summary>
    internal static GenerationOptions Normalize(GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        if (Frameworks.Contains(options.TestFramework))
        {
            return options;
        }

        diagnostics.Add(SourceDiagnostic.Warning("LT2010", $"Unknown test framework '{options.TestFramework}'; xunit test classes are generated.", new SourceLocation(options.SourceName),
            "Set LoadTestFramework to xunit, xunit.v3, mstest, nunit or none."));
        return options with { TestFramework = "xunit" };
    }

    /// <summary>The plan of one source; null (and LT2099) when planning failed.</summary>
    internal static LoadPlan? Plan(ApiModel model, GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        try
        {
            return LoadPlanner.Build(model, options, diagnostics);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A defect of ours must still reach the user as a diagnostic, not a stack trace.
            diagnostics.Add(SourceDiagnostic.Error("LT2099", $"Planning the load tests of {model.Title} failed: {e.GetType().Name}: {e.Message}", new SourceLocation(options.SourceName),
                "Please report this with the API description; meanwhile declare flows explicitly to work around it."));
            return null;
        }
    }

    internal static GenerationOutput Render(LoadPlan plan, GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        foreach (var step in plan.Flows.SelectMany(f => f.Steps).Append(plan.Auth.LoginStep).OfType<StepPlan>().DistinctBy(s => s.OperationName))
        {
            if (step.Body is { IsForm: true } body && !TemplateModelBuilder.IsFormObject(body))
            {
                diagnostics.Add(SourceDiagnostic.Warning("LT2022",
                    $"The {body.ContentType} body of {step.OperationName} is not an object, so it has no fields to form-encode; it is sent as JSON text.",
                    new SourceLocation(options.SourceName),
                    "Give the request body schema type: object with properties, or send it as application/json."));
            }
        }

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

        // The build log's account of the flows, and the same at length beside the scripts.
        var messages = FlowReport.LogLines(plan);
        files.Add(new GeneratedFile(GeneratedFileKind.Document, options.FlowsDocument, FlowReport.Markdown(plan)));
        if (plan.DataPool is { } pool)
        {
            // k6 opens the copy beside the scripts; the C# twin its copy in the test output (LoadTest.Sdk.targets).
            files.Add(new GeneratedFile(GeneratedFileKind.Data, TemplateModelBuilder.DataCopyPath(pool)[2..], pool.Content));
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

        return new GenerationOutput(files, diagnostics) { Messages = messages };
    }
}
