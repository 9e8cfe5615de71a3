using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>Renders a <see cref="ValueRule"/> as a JavaScript expression over the helper module (<c>lt.*</c>).</summary>
internal static class JsValueWriter
{
    public static string Write(ValueRule rule, int indent = 0) => rule switch
    {
        ConstRule c => Literal(c.Value),
        IntegerRule i => Integer(i),
        DecimalRule d => $"lt.decimal({d.LowK}, {d.HighK}, {Number(d.Step)}, {d.Decimals})",
        BoolRule => "lt.bool()",
        PickRule p => $"lt.pick([{string.Join(", ", p.Values.Select(Literal))}])",
        StringRule s => Fit($"lt.{s.Helper}()", s.MinLength, s.MaxLength),
        TextRule t => $"lt.text({t.MinLength}, {t.MaxLength})",
        PatternRule p => $"lt.pattern({p.ProgramJson})",
        IdRule id => Fit($"lt.id({String(id.Prefix)}, {id.Min}, {id.Max})", id.MinLength, id.MaxLength),
        ObjectRule o => Object(o, indent),
        ArrayRule a => $"lt.array({a.Min}, {a.Max}, () => {Write(a.Item, indent)}, {(a.Unique ? "true" : "false")})",
        OneOfRule o => $"lt.oneOf([{string.Join(", ", o.Alternatives.Select(a => "() => " + Write(a, indent)))}])",
        CaptureRule c => $"lt.orElse(vars[{String(c.Variable)}], () => {Write(c.Fallback, indent)})",
        DataRule d => $"lt.orElse(row[{String(d.Field)}], () => {Write(d.Fallback, indent)})",
        EnvRule e => $"lt.orElse(__ENV[{String(e.Variable)}], () => {Write(e.Fallback, indent)})",
        _ => throw new InvalidOperationException($"no JS rendering for {rule.GetType().Name}"),
    };

    private static string Integer(IntegerRule rule)
    {
        var helper = rule.Distribution switch
        {
            IntegerDistribution.Small => "small",
            IntegerDistribution.Zipf => "zipf",
            _ => "integer",
        };
        var call = $"lt.{helper}({rule.Min}, {rule.Max})";
        return rule.Step == 1 ? call : $"{call} * {rule.Step}";
    }

    private static string Fit(string call, int? min, int? max) =>
        min is null && max is null ? call : $"lt.fit({call}, {min ?? 0}, {max ?? int.MaxValue})";

    private static string Object(ObjectRule rule, int indent)
    {
        var members = rule.Members.Where(m => m.Probability > 0).ToList();
        if (members.Count == 0)
        {
            return "{}";
        }

        var pad = new string(' ', (indent + 1) * 2);
        var text = new StringBuilder("{\n");
        foreach (var member in rule.Members.Where(m => m.Probability > 0))
        {
            var value = Write(member.Value, indent + 1);
            text.Append(pad).Append(String(member.Name)).Append(": ")
                .Append(member.Required ? value : $"lt.maybe({Number(member.Probability)}, () => {value})")
                .Append(",\n");
        }

        return text.Append(new string(' ', indent * 2)).Append('}').ToString();
    }

    public static string Literal(JsonNode? node) => node is null ? "null" : node.ToJsonString();

    /// <summary>A JS string literal (JSON string syntax is valid JS).</summary>
    public static string String(string value) => JsonSerializer.Serialize(value);

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
