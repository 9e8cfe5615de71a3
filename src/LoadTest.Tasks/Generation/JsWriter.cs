using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// The one writer of JavaScript text for the k6 scripts: every value that came from a spec (names, paths, examples,
/// enum members, titles) reaches a script through here, as a string literal, JSON, a sanitised identifier or one line
/// of comment. Expressions it returns are valid in any expression position (object literals are parenthesised), so
/// templates can paste them anywhere an expression goes. See docs/generation.md, "Spec text in generated code".
/// </summary>
internal static class JsWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in", "instanceof", "interface",
        "let", "new", "null", "package", "private", "protected", "public", "return", "static", "super", "switch", "this",
        "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "arguments", "eval", "undefined", "NaN",
        "Infinity", "globalThis", "lt", "http", "check", "sleep", "open", "__ENV", "__VU", "__ITER",
    };

    /// <summary>A value rule as a JavaScript expression over the helper module (<c>lt.*</c>).</summary>
    public static string Write(ValueRule rule, int indent = 0) => rule switch
    {
        ConstRule c => Literal(c.Value),
        IntegerRule i => Integer(i),
        DecimalRule d => $"lt.decimal({d.LowK}, {d.HighK}, {Number(d.Step)}, {d.Decimals})",
        BoolRule => "lt.bool()",
        PickRule p => $"lt.pick([{string.Join(", ", p.Values.Select(Literal))}])",
        StringRule s => Fit($"lt.{Identifier(s.Helper)}()", s.MinLength, s.MaxLength),
        TextRule t => $"lt.text({t.MinLength}, {t.MaxLength})",
        PatternRule p => $"lt.pattern({Json(JsonNode.Parse(p.ProgramJson))})",
        IdRule id => Fit($"lt.id({String(id.Prefix)}, {id.Min}, {id.Max})", id.MinLength, id.MaxLength),
        ObjectRule o => Object(o, indent),
        ArrayRule a => $"lt.array({a.Min}, {a.Max}, {Thunk(Write(a.Item, indent))}, {(a.Unique ? "true" : "false")})",
        OneOfRule o => $"lt.oneOf([{string.Join(", ", o.Alternatives.Select(a => Thunk(Write(a, indent))))}])",
        CaptureRule c => $"lt.orElse(vars[{String(c.Variable)}], {Thunk(Write(c.Fallback, indent))})",
        DataRule d => $"lt.orElse(row[{String(d.Field)}], {Thunk(Write(d.Fallback, indent))})",
        EnvRule e => $"lt.orElse(__ENV[{String(e.Variable)}], {Thunk(Write(e.Fallback, indent))})",
        _ => throw new InvalidOperationException($"no JS rendering for {rule.GetType().Name}"),
    };

    /// <summary>
    /// <c>() =&gt; expression</c>. An arrow whose body starts with <c>{</c> reads it as a block (and returns undefined),
    /// so such a body is parenthesised; the object writer already does that, this guards every other caller.
    /// </summary>
    public static string Thunk(string expression) =>
        expression.TrimStart().StartsWith('{') ? $"() => ({expression})" : $"() => {expression}";

    /// <summary>An optional value: <c>lt.maybe(p, () =&gt; value)</c>.</summary>
    public static string Maybe(double probability, string expression) => $"lt.maybe({Number(probability)}, {Thunk(expression)})";

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

    /// <summary>An object literal, parenthesised so it is an expression wherever it lands (never a block).</summary>
    private static string Object(ObjectRule rule, int indent)
    {
        var members = rule.Members.Where(m => m.Probability > 0).ToList();
        if (members.Count == 0)
        {
            return "({})";
        }

        var pad = new string(' ', (indent + 1) * 2);
        var text = new StringBuilder("({\n");
        foreach (var member in members)
        {
            var value = Write(member.Value, indent + 1);
            text.Append(pad).Append(String(member.Name)).Append(": ")
                .Append(member.Required ? value : Maybe(member.Probability, value))
                .Append(",\n");
        }

        return text.Append(new string(' ', indent * 2)).Append("})").ToString();
    }

    /// <summary>A JSON value as a JavaScript expression (null for none).</summary>
    public static string Literal(JsonNode? node) => node is null ? "null" : Json(node);

    /// <summary>
    /// JSON text of <paramref name="node"/>, escaped to printable ASCII; an object is parenthesised so the text is an
    /// expression in any position.
    /// </summary>
    public static string Json(JsonNode? node)
    {
        var json = GeneratedText.Json(node);
        return node is JsonObject ? "(" + json + ")" : json;
    }

    /// <summary>A string map as an object expression (build-time profile overrides).</summary>
    public static string StringMap(IEnumerable<KeyValuePair<string, string>> entries) =>
        Json(new JsonObject(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))));

    /// <summary>
    /// A double-quoted JavaScript string literal. Only printable ASCII other than <c>"</c> and <c>\</c> is written as
    /// is; everything else (quotes, backslashes, control and line-separator characters, non-ASCII, surrogates) is an
    /// escape, so no text can end the literal, the line or the script.
    /// </summary>
    public static string String(string value) => GeneratedText.DoubleQuoted(value);

    /// <summary>Text for the rest of a <c>//</c> comment line (see <see cref="GeneratedText.OneLine"/>).</summary>
    public static string Comment(string? text, int maxLength = GeneratedText.MaxCommentLength) => GeneratedText.OneLine(text, maxLength);

    /// <summary>A JavaScript identifier from <paramref name="text"/>: ASCII letters, digits and _, never a reserved word.</summary>
    public static string Identifier(string text, string fallback = "value")
    {
        var name = GeneratedText.IdentifierCharacters(text, fallback);
        return Reserved.Contains(name) ? name + "_" : name;
    }

    /// <summary>A number literal (non-finite values as the JavaScript globals NaN and Infinity).</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "Infinity"
        : double.IsNegativeInfinity(value) ? "-Infinity"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
