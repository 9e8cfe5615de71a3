using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// A one-line JSON summary of a flow's plan (operations, checks, captures, value rules, profile) that both the k6
/// script and its C# twin carry in a <c>// loadtest-plan:</c> comment, so tools and tests can hold them side by side.
/// </summary>
internal static class Manifest
{
    public const string Marker = "// loadtest-plan: ";

    public static string Of(FlowPlan flow, LoadPlan plan)
    {
        var root = new JsonObject
        {
            ["flow"] = flow.Name,
            ["source"] = plan.SourceName,
            ["profile"] = plan.DefaultProfile,
            ["overrides"] = new JsonObject([.. plan.ProfileOverrides.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))]),
            ["seed"] = plan.Seed,
            ["auth"] = plan.Auth.Kind.ToString(),
            ["thinkTime"] = new JsonArray(flow.ThinkTime.MinSeconds, flow.ThinkTime.MaxSeconds),
            ["steps"] = new JsonArray([.. flow.Steps.Select(Step)]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    /// <summary>Reads the manifest back from a generated file (null when it has none).</summary>
    public static JsonObject? Read(string generatedText)
    {
        var start = generatedText.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = generatedText.IndexOf('\n', start);
        return JsonNode.Parse(generatedText[start..(end < 0 ? generatedText.Length : end)])?.AsObject();
    }

    private static JsonNode Step(StepPlan step) => new JsonObject
    {
        ["id"] = step.Id,
        ["operation"] = step.OperationName,
        ["check"] = step.Check.Name,
        ["statuses"] = new JsonArray([.. step.Check.Statuses.Select(s => (JsonNode)s)]),
        ["authenticated"] = step.Authenticated,
        ["path"] = new JsonArray([.. step.Path.Select(p => p.Literal is { } l ? (JsonNode)l : Rule(p.Value!))]),
        ["query"] = new JsonObject([.. step.Query.Where(q => q.Probability > 0).Select(q => KeyValuePair.Create(q.Name, (JsonNode?)(q.Probability >= 1 ? Rule(q.Value) : new JsonObject { ["p"] = q.Probability, ["value"] = Rule(q.Value) })))]),
        ["headers"] = new JsonObject([.. step.Headers.Select(h => KeyValuePair.Create(h.Name, (JsonNode?)Rule(h.Value)))]),
        ["body"] = step.Body is null ? null : Rule(step.Body.Value),
        ["captures"] = new JsonObject([.. step.Captures.Select(c => KeyValuePair.Create(c.Variable, (JsonNode?)c.JsonPath))]),
    };

    /// <summary>A value rule as JSON: the helper name and its arguments, the same names both emitters call.</summary>
    public static JsonNode Rule(ValueRule rule) => rule switch
    {
        ConstRule c => new JsonObject { ["const"] = c.Value?.DeepClone() },
        IntegerRule i => new JsonObject { ["helper"] = i.Distribution switch { IntegerDistribution.Small => "small", IntegerDistribution.Zipf => "zipf", _ => "integer" }, ["min"] = i.Min, ["max"] = i.Max, ["step"] = i.Step },
        DecimalRule d => new JsonObject { ["helper"] = "decimal", ["lowK"] = d.LowK, ["highK"] = d.HighK, ["step"] = d.Step, ["decimals"] = d.Decimals },
        BoolRule => new JsonObject { ["helper"] = "bool" },
        PickRule p => new JsonObject { ["helper"] = "pick", ["values"] = new JsonArray([.. p.Values.Select(v => v?.DeepClone())]) },
        StringRule s => new JsonObject { ["helper"] = s.Helper, ["minLength"] = s.MinLength, ["maxLength"] = s.MaxLength },
        TextRule t => new JsonObject { ["helper"] = "text", ["minLength"] = t.MinLength, ["maxLength"] = t.MaxLength },
        PatternRule p => new JsonObject { ["helper"] = "pattern", ["regex"] = p.Regex },
        IdRule id => new JsonObject { ["helper"] = "id", ["prefix"] = id.Prefix, ["min"] = id.Min, ["max"] = id.Max },
        ObjectRule o => new JsonObject { ["object"] = new JsonArray([.. o.Members.Where(m => m.Probability > 0).Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["p"] = m.Probability, ["value"] = Rule(m.Value) })]) },
        ArrayRule a => new JsonObject { ["helper"] = "array", ["min"] = a.Min, ["max"] = a.Max, ["unique"] = a.Unique, ["item"] = Rule(a.Item) },
        OneOfRule o => new JsonObject { ["helper"] = "oneOf", ["alternatives"] = new JsonArray([.. o.Alternatives.Select(Rule)]) },
        CaptureRule c => new JsonObject { ["capture"] = c.Variable, ["fallback"] = Rule(c.Fallback) },
        DataRule d => new JsonObject { ["data"] = d.Field, ["fallback"] = Rule(d.Fallback) },
        EnvRule e => new JsonObject { ["env"] = e.Variable, ["fallback"] = Rule(e.Fallback) },
        _ => new JsonObject(),
    };
}
