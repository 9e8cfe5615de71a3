using System.Text.Json.Nodes;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Tests.Planning;
using LoadTest.Tests.Shared;

namespace LoadTest.Tasks.Tests.Sources;

/// <summary>One request as the generated C# twin sends it on a first iteration (nothing captured yet).</summary>
internal sealed record SampledRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonNode? Body,
    IReadOnlyList<int> ExpectedStatuses,
    bool Authenticated);

/// <summary>
/// What the generator makes of an operation read by a source reader: the planned step (the same StepBuilder the flows
/// use), requests sampled from its rules with the runtime's helpers, and the k6 script of a declared flow through it.
/// Reader tests assert these, not only the model.
/// </summary>
internal static class GeneratedRequests
{
    public static StepPlan Step(ApiModel model, ApiOperation operation, List<SourceDiagnostic>? diagnostics = null)
    {
        diagnostics ??= [];
        var payloads = new PayloadPlanner(model, diagnostics);
        var steps = new StepBuilder(model, payloads, diagnostics);
        // A bearer token from the environment: secured operations are marked authenticated, nothing else changes.
        return steps.Build(operation, "step", new AuthPlan(AuthKind.StaticBearer));
    }

    public static IReadOnlyList<SampledRequest> Sample(ApiModel model, ApiOperation operation, int count = 50, List<SourceDiagnostic>? diagnostics = null)
    {
        var step = Step(model, operation, diagnostics);
        var random = new Random(20240611);
        return [.. Enumerable.Range(0, count).Select(_ => Sample(step, random))];
    }

    private static SampledRequest Sample(StepPlan step, Random random)
    {
        var path = string.Concat(step.Path.Select(p => p.Literal ?? Payload.Segment(RuleEvaluator.Evaluate(p.Value!, random))));
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in step.Query)
        {
            if (parameter.Probability >= 1 || random.NextDouble() < parameter.Probability)
            {
                query[parameter.Name] = Text(RuleEvaluator.ToJson(parameter.Value, random));
            }
        }

        var headers = step.Headers.ToDictionary(h => h.Name, h => Text(RuleEvaluator.ToJson(h.Value, random)), StringComparer.OrdinalIgnoreCase);
        var body = step.Body is null ? null : RuleEvaluator.ToJson(step.Body.Value, random);
        return new SampledRequest(step.Method, path, query, headers, body, step.Check.Statuses, step.Authenticated);
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString() ?? "null";

    /// <summary>The k6 script of a declared flow through <paramref name="steps"/> (method and path, or operationIds).</summary>
    public static string K6Script(ApiModel model, params string[] steps) => Generate(model, steps).Files.Single(f => f.RelativePath == "probe.js").Content;

    public static GenerationOutput Generate(ApiModel model, params string[] steps)
    {
        var output = LoadTestGenerator.Generate(model, new GenerationOptions("Api", "Api.LoadTests") { Flows = [new FlowDeclaration("probe", steps)] });
        Assert.DoesNotContain(output.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return output;
    }

    /// <summary>Writes the generated k6 files to a temporary folder and has real k6 inspect the flow script.</summary>
    public static void AssertK6Accepts(GenerationOutput output)
    {
        var folder = Directory.CreateTempSubdirectory("lt-reader-k6-");
        try
        {
            foreach (var file in output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script))
            {
                var target = System.IO.Path.Combine(folder.FullName, file.RelativePath);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
                File.WriteAllText(target, file.Content);
            }

            var result = K6Tool.Inspect(System.IO.Path.Combine(folder.FullName, "probe.js"));
            Assert.True(result.ExitCode == 0, $"k6 inspect failed ({result.ExitCode}):\n{result.Stdout}\n{result.Stderr}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
