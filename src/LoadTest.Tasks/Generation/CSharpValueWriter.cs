using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>Renders a <see cref="ValueRule"/> as a C# expression over <c>LoadTest.Runtime.Payloads.Payload</c>, mirroring <see cref="JsValueWriter"/>.</summary>
internal static class CSharpValueWriter
{
    private const string R = "vu.Random";

    public static string Write(ValueRule rule, int indent = 0) => rule switch
    {
        ConstRule c => Literal(c.Value),
        IntegerRule i => Integer(i),
        DecimalRule d => $"Payload.Decimal({R}, {d.LowK}, {d.HighK}, {Number(d.Step)}, {d.Decimals})",
        BoolRule => $"Payload.Bool({R})",
        PickRule p => Pick(p),
        StringRule s => Fit($"Payload.{Pascal(s.Helper)}({R})", s.MinLength, s.MaxLength),
        TextRule t => $"Payload.Text({R}, {t.MinLength}, {t.MaxLength})",
        PatternRule p => $"Payload.Pattern({R}, {String(p.Regex)})",
        IdRule id => Fit($"Payload.Id({R}, {String(id.Prefix)}, {id.Min}, {id.Max})", id.MinLength, id.MaxLength),
        ObjectRule o => Object(o, indent),
        ArrayRule a => $"Payload.Array({R}, {a.Min}, {a.Max}, () => {Write(a.Item, indent)}, {(a.Unique ? "true" : "false")})",
        OneOfRule o => $"Payload.OneOf({R}, {string.Join(", ", o.Alternatives.Select(a => "() => " + Write(a, indent)))})",
        CaptureRule c => $"Payload.OrElse(Payload.Typed(vars.GetValueOrDefault({String(c.Variable)}), {String(c.Type ?? "string")}), () => {Write(c.Fallback, indent)})",
        DataRule d => $"Payload.OrElse(Payload.Typed(row.GetValueOrDefault({String(d.Field)}), {String(d.Type ?? "string")}), () => {Write(d.Fallback, indent)})",
        EnvRule e => $"Payload.OrElse(vu.Env.GetValueOrDefault({String(e.Variable)}), () => {Write(e.Fallback, indent)})",
        _ => throw new InvalidOperationException($"no C# rendering for {rule.GetType().Name}"),
    };

    private static string Integer(IntegerRule rule)
    {
        var helper = rule.Distribution switch
        {
            IntegerDistribution.Small => "Small",
            IntegerDistribution.Zipf => "Zipf",
            _ => "Integer",
        };
        var call = $"Payload.{helper}({R}, {rule.Min}, {rule.Max})";
        return rule.Step == 1 ? call : $"{call} * {rule.Step}";
    }

    private static string Pick(PickRule rule)
    {
        if (rule.Values.All(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String))
        {
            return $"Payload.Pick({R}, {string.Join(", ", rule.Values.Select(v => String(v!.GetValue<string>())))})";
        }

        if (rule.Values.All(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number && long.TryParse(n.ToJsonString(), out _)))
        {
            return $"Payload.Pick({R}, {string.Join(", ", rule.Values.Select(v => v!.ToJsonString() + "L"))})";
        }

        return $"Payload.PickJson({R}, {String(new JsonArray([.. rule.Values.Select(v => v?.DeepClone())]).ToJsonString())})";
    }

    private static string Fit(string call, int? min, int? max) =>
        min is null && max is null ? call : $"Payload.Fit({call}, {min ?? 0}, {max ?? int.MaxValue})";

    private static string Object(ObjectRule rule, int indent)
    {
        var members = rule.Members.Where(m => m.Probability > 0).ToList();
        if (members.Count == 0)
        {
            return "Payload.Object()";
        }

        var pad = new string(' ', (indent + 1) * 4);
        var text = new StringBuilder("Payload.Object(\n");
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var value = Write(member.Value, indent + 1);
            text.Append(pad).Append('(').Append(String(member.Name)).Append(", ")
                .Append(member.Required ? value : $"Payload.Maybe({R}, {Number(member.Probability)}, () => {value})")
                .Append(')').Append(i < members.Count - 1 ? ",\n" : ")");
        }

        return text.ToString();
    }

    /// <summary>A constant as a C# expression the helpers accept: strings, longs, doubles, bools, null, else parsed JSON.</summary>
    public static string Literal(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "(object?)null";
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return String(v.GetValue<string>());
            case JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
                return v.GetValueKind() == JsonValueKind.True ? "true" : "false";
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var text = v.ToJsonString();
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? text + "L"
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Number(d) + "d"
                    : $"JsonNode.Parse({String(text)})";
            default:
                return $"JsonNode.Parse({String(node.ToJsonString())})";
        }
    }

    /// <summary>A C# string literal (escapes quotes, backslashes and control characters).</summary>
    public static string String(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c > 126 => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    public static string Number(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string Pascal(string helper) => char.ToUpperInvariant(helper[0]) + helper[1..];
}
