using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// Arazzo 1.0 workflows as flows: each workflow's steps (by operationId or operationPath) become the flow's steps;
/// step parameters and request payloads are literals or runtime expressions (<c>$steps.x.outputs.y</c> becomes a value
/// captured from step x's response, <c>$inputs.y</c> the environment variable <c>LOADTEST_INPUT_Y</c>); outputs
/// (<c>$response.body#/id</c>) are captured; <c>$statusCode == 201</c> success criteria become the checks.
/// Authorization headers in the workflow are not copied (they would put credentials in generated files): auth
/// comes from the API's security schemes as for every flow.
/// </summary>
internal static partial class ArazzoFlows
{
    [GeneratedRegex(@"^\$statusCode\s*==\s*(\d{3})$")]
    private static partial Regex StatusEquals();

    [GeneratedRegex(@"^\^?\(?(\d{3})\)?\$?$")]
    private static partial Regex StatusRegex();

    [GeneratedRegex(@"^\{?\$steps\.([A-Za-z0-9_\-]+)\.outputs\.([A-Za-z0-9_\-.]+)\}?$")]
    private static partial Regex StepOutput();

    [GeneratedRegex(@"^\{?\$inputs\.([A-Za-z0-9_\-]+)\}?$")]
    private static partial Regex Input();

    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase) { "Authorization", "Cookie", "X-API-Key", "Api-Key", "X-Auth-Token" };

    public static IReadOnlyList<FlowPlan> Read(string path, ApiModel model, FlowPlanner planner, AuthPlan auth, ICollection<SourceDiagnostic> diagnostics)
    {
        var parseDiagnostics = new List<SourceDiagnostic>();
        SourceDocument? document;
        try
        {
            document = SourceDocumentParser.Parse(path, File.ReadAllText(path), parseDiagnostics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(SourceDiagnostic.Error("LT2015", $"The Arazzo file {path} cannot be read: {e.Message}", new SourceLocation(path),
                "Check the LoadTestArazzoFile path."));
            return [];
        }

        foreach (var d in parseDiagnostics)
        {
            diagnostics.Add(d with { Code = "LT2015" });
        }

        if (document?.Root is not JsonObject root || root["workflows"] is not JsonArray workflows)
        {
            if (document is not null)
            {
                diagnostics.Add(SourceDiagnostic.Error("LT2015", $"{path} has no 'workflows' list: it is not an Arazzo 1.0 document.", new SourceLocation(path, 1, 1),
                    "Point LoadTestArazzoFile at an Arazzo document (arazzo: 1.0.x, workflows: [...])."));
            }

            return [];
        }

        var sources = (root["sourceDescriptions"] as JsonArray ?? []).OfType<JsonObject>().Select(s => Text(s["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var flows = new List<FlowPlan>();
        for (var w = 0; w < workflows.Count; w++)
        {
            if (workflows[w] is JsonObject workflow && Workflow(workflow, $"/workflows/{w}", document, model, sources, planner, auth, diagnostics) is { } flow)
            {
                flows.Add(flow);
            }
        }

        return flows;
    }

    private static FlowPlan? Workflow(JsonObject workflow, string pointer, SourceDocument document, ApiModel model, HashSet<string> sources, FlowPlanner planner, AuthPlan auth, ICollection<SourceDiagnostic> diagnostics)
    {
        var id = Text(workflow["workflowId"]) ?? $"workflow_{pointer.Split('/')[^1]}";
        var resolved = new List<(JsonObject Step, string ArazzoId, ApiOperation Operation)>();
        var steps = workflow["steps"] as JsonArray ?? [];
        for (var s = 0; s < steps.Count; s++)
        {
            if (steps[s] is not JsonObject step)
            {
                continue;
            }

            var stepPointer = $"{pointer}/steps/{s}";
            var stepId = Text(step["stepId"]) ?? $"step{s + 1}";
            var operation = FindOperation(step, model, sources, planner);
            if (operation is null)
            {
                var what = Text(step["workflowId"]) is { } nested ? $"calls another workflow ({nested}), which is not supported" : "names no operation of the API";
                diagnostics.Add(SourceDiagnostic.Warning("LT2016", $"Arazzo workflow '{id}', step '{stepId}' {what}; the step is left out.", document.Locate(stepPointer),
                    "Refer to an operation of the API with operationId or operationPath, or declare the flow instead."));
                continue;
            }

            resolved.Add((step, stepId, operation));
        }

        if (resolved.Count == 0)
        {
            return null;
        }

        var planned = planner.Chain([.. resolved.Select(r => (r.Operation, (IReadOnlyList<Binding>)[]))], auth).ToList();
        var captures = planned.Select(p => p.Captures.ToList()).ToList();

        // Outputs first: "$steps.<stepId>.outputs.<name>" → the variable holding that value (an existing capture of
        // the same JSON path is reused, so the value is read from the response once).
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < planned.Count; i++)
        {
            foreach (var (name, expression) in resolved[i].Step["outputs"] as JsonObject ?? [])
            {
                const string prefix = "$response.body#/";
                if (Text(expression) is not { } text || !text.StartsWith(prefix, StringComparison.Ordinal) || text.Length == prefix.Length)
                {
                    continue;
                }

                var jsonPath = string.Join('.', text[prefix.Length..].Split('/').Select(JsonPointer.Unescape).Select(p => p.All(char.IsAsciiDigit) ? $"[{p}]" : p)).Replace(".[", "[", StringComparison.Ordinal);
                var existing = captures[i].FirstOrDefault(c => c.JsonPath == jsonPath);
                var variable = existing?.Variable ?? $"{planned[i].Id}_{Naming.Snake(name)}";
                if (existing is null)
                {
                    captures[i].Add(new CapturePlan(variable, jsonPath));
                }

                outputs[$"{resolved[i].ArazzoId}.{name}"] = variable;
            }
        }

        for (var i = 0; i < planned.Count; i++)
        {
            var step = resolved[i].Step;
            var current = planned[i];
            var workflowParameters = workflow["parameters"] as JsonArray ?? [];
            foreach (var parameter in workflowParameters.Concat(step["parameters"] as JsonArray ?? []).OfType<JsonObject>())
            {
                current = ApplyParameter(current, parameter, outputs);
            }

            if (step["requestBody"] is JsonObject { } requestBody && requestBody["payload"] is { } payload && current.Body is { } body)
            {
                current = current with { Body = body with { Value = Value(payload, outputs) } };
            }

            var statuses = (step["successCriteria"] as JsonArray ?? []).OfType<JsonObject>().Select(Status).OfType<int>().Distinct().ToList();
            if (statuses.Count > 0)
            {
                current = current with { Check = new CheckPlan(statuses.Count == 1 ? $"{current.Label} {statuses[0]}" : $"{current.Label} 2xx", statuses) };
            }

            planned[i] = current;
        }

        return new FlowPlan(Naming.Snake(id), [.. planned.Select((p, i) => p with { Captures = captures[i] })]) { Origin = "arazzo" };
    }

    private static ApiOperation? FindOperation(JsonObject step, ApiModel model, HashSet<string> sources, FlowPlanner planner)
    {
        if (Text(step["operationId"]) is { } operationId)
        {
            var dot = operationId.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && sources.Contains(operationId[..dot]))
            {
                operationId = operationId[(dot + 1)..];
            }
            else if (operationId.StartsWith("$sourceDescriptions.", StringComparison.Ordinal))
            {
                operationId = operationId[(operationId.LastIndexOf('.') + 1)..];
            }

            return planner.Find(new StepReference(null, null, operationId, []));
        }

        if (Text(step["operationPath"]) is { } operationPath && operationPath.IndexOf("#/paths/", StringComparison.Ordinal) is var at and >= 0)
        {
            var segments = operationPath[(at + "#/paths/".Length)..].Split('/');
            if (segments.Length == 2)
            {
                var pathTemplate = JsonPointer.Unescape(segments[0]);
                return planner.Find(new StepReference(segments[1].ToUpperInvariant(), pathTemplate, $"{segments[1].ToUpperInvariant()} {pathTemplate}", []));
            }
        }

        _ = model;
        return null;
    }

    private static StepPlan ApplyParameter(StepPlan step, JsonObject parameter, IReadOnlyDictionary<string, string> outputs)
    {
        var name = Text(parameter["name"]);
        var location = Text(parameter["in"]);
        if (name is null || parameter["value"] is not { } raw)
        {
            return step;
        }

        // A runtime expression that yields nothing (the earlier step failed) falls back to the generated value.
        switch (location)
        {
            case "path":
                return step with { Path = [.. step.Path.Select(p => p.Parameter == name ? p with { Value = Value(raw, outputs, p.Value) } : p)] };
            case "query":
                var query = step.Query.FirstOrDefault(q => q.Name == name)?.Value;
                return step with { Query = [.. step.Query.Where(q => q.Name != name), new NamedValue(name, Value(raw, outputs, query))] };
            case "header" when !CredentialHeaders.Contains(name):
                return step with { Headers = [.. step.Headers.Where(h => !h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)), new NamedValue(name, Value(raw, outputs, null))] };
            default:
                return step;
        }
    }

    /// <summary>A literal or runtime expression as a value rule; objects and arrays keep their shape.</summary>
    private static ValueRule Value(JsonNode? node, IReadOnlyDictionary<string, string> outputs, ValueRule? fallback = null)
    {
        switch (node)
        {
            case JsonObject obj:
                return new ObjectRule([.. obj.Select(m => new MemberRule(m.Key, Value(m.Value, outputs), 1))]);
            case JsonArray array when array.All(e => e is JsonValue):
                return new ConstRule(array.DeepClone());
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (StepOutput().Match(text) is { Success: true } output && outputs.TryGetValue($"{output.Groups[1].Value}.{output.Groups[2].Value}", out var variable))
                {
                    return new CaptureRule(variable, "string", fallback ?? new ConstRule(null));
                }

                if (Input().Match(text) is { Success: true } input)
                {
                    return new EnvRule("LOADTEST_INPUT_" + Naming.Snake(input.Groups[1].Value).ToUpperInvariant(), fallback ?? new ConstRule(JsonValue.Create("")));
                }

                return new ConstRule(value.DeepClone());
            default:
                return new ConstRule(node?.DeepClone());
        }
    }

    private static int? Status(JsonObject criterion)
    {
        var condition = Text(criterion["condition"])?.Trim();
        if (condition is null)
        {
            return null;
        }

        if (StatusEquals().Match(condition) is { Success: true } equals)
        {
            return int.Parse(equals.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return Text(criterion["context"]) == "$statusCode" && StatusRegex().Match(condition) is { Success: true } regex
            ? int.Parse(regex.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
