using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// The one writer of C# text for the generated twins, mirroring <see cref="JsWriter"/>: every value that came from a
/// spec reaches a <c>.g.cs</c> file through here, as a string literal, a sanitised identifier or one line of comment;
/// value rules become expressions over <c>LoadTest.Runtime.Payloads.Payload</c>.
/// </summary>
internal static class CSharpWriter
{
    private const string R = "vu.Random";

    public static string Write(ValueRule rule, int indent = 0) => rule switch
    {
        ConstRule c => Literal(c.Value),
        IntegerRule i => Integer(i),
        DecimalRule d => $"Payload.Decimal({R}, {d.LowK}, {d.HighK}, {Number(d.Step)}, {d.Decimals})",
        BoolRule => $"Payload.Bool({R})",
        PickRule p => Pick(p),
        StringRule s => Fit($"Payload.{Identifier(Pascal(s.Helper))}({R})", s.MinLength, s.MaxLength),
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

    /// <summary>An optional value: <c>Payload.Maybe(vu.Random, p, () =&gt; value)</c>.</summary>
    public static string Maybe(double probability, string expression) => $"Payload.Maybe({R}, {Number(probability)}, () => {expression})";

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

        if (rule.Values.All(v => v is JsonValue n && n.GetValueKind() == JsonValueKind.Number && long.TryParse(n.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return $"Payload.Pick({R}, {string.Join(", ", rule.Values.Select(v => v!.ToJsonString() + "L"))})";
        }

        return $"Payload.PickJson({R}, {String(GeneratedText.Json(new JsonArray([.. rule.Values.Select(v => v?.DeepClone())])))})";
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
                .Append(member.Required ? value : Maybe(member.Probability, value))
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
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) ? text + "L"
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? Number(d) + "d"
                    : $"JsonNode.Parse({String(GeneratedText.Json(node))})";
            default:
                return $"JsonNode.Parse({String(GeneratedText.Json(node))})";
        }
    }

    /// <summary>
    /// A regular C# string literal. Only printable ASCII other than <c>"</c> and <c>\</c> is written as is; every other
    /// character (control and line-separator characters, non-ASCII, surrogates) is an escape, so no text can end the
    /// literal or the line.
    /// </summary>
    public static string String(string value) => GeneratedText.DoubleQuoted(value);

    /// <summary>Text for the rest of a <c>//</c> comment line (see <see cref="GeneratedText.OneLine"/>).</summary>
    public static string Comment(string? text, int maxLength = GeneratedText.MaxCommentLength) => GeneratedText.OneLine(text, maxLength);

    /// <summary>
    /// A C# identifier from <paramref name="text"/>: ASCII letters, digits and _. Names the generator builds are
    /// PascalCase, which no C# keyword is; a lower-case result that is a keyword gets an @.
    /// </summary>
    public static string Identifier(string text, string fallback = "Value")
    {
        var name = GeneratedText.IdentifierCharacters(text, fallback);
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
    }

    /// <summary>A namespace: each dotted part an identifier.</summary>
    public static string Namespace(string text) =>
        string.Join('.', text.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(part => Identifier(part, "LoadTests")).DefaultIfEmpty("LoadTests"));

    /// <summary>A double literal (always with a decimal point or exponent; non-finite values as double's constants).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "double.NaN" : value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    private static string Pascal(string helper) => helper.Length == 0 ? helper : char.ToUpperInvariant(helper[0]) + helper[1..];
}
