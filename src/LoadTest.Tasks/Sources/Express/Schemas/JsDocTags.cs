using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>
/// The description and tags of a <c>/** … */</c> comment, and how the constraint tags
/// (<c>@minimum @maximum @exclusiveMinimum @exclusiveMaximum @minLength @maxLength @pattern @format @example @default</c>…)
/// tighten a schema. The tag names follow typescript-json-schema / ts-json-schema-generator.
/// </summary>
internal sealed record JsDocTags(string? Description, IReadOnlyList<(string Name, string Value)> Tags)
{
    public static readonly JsDocTags Empty = new(null, []);

    public static JsDocTags Parse(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return Empty;
        }

        var body = comment.Trim();
        if (body.StartsWith("/**", StringComparison.Ordinal))
        {
            body = body[3..];
        }

        if (body.EndsWith("*/", StringComparison.Ordinal))
        {
            body = body[..^2];
        }

        var lines = body.Split('\n').Select(l => l.Trim().TrimStart('*').Trim());
        var description = new List<string>();
        var tags = new List<(string, string)>();
        foreach (var line in lines)
        {
            // Several tags may share a line: `@minimum 1 @maximum 10`.
            var parts = SplitTags(line);
            foreach (var part in parts)
            {
                if (part.StartsWith('@'))
                {
                    var space = part.IndexOfAny([' ', '\t']);
                    var name = space < 0 ? part[1..] : part[1..space];
                    var value = space < 0 ? "" : part[(space + 1)..].Trim();
                    tags.Add((name, value));
                }
                else if (tags.Count == 0 && part.Length > 0)
                {
                    description.Add(part);
                }
                else if (tags.Count > 0 && part.Length > 0)
                {
                    // continuation of the previous tag's text
                    var (n, v) = tags[^1];
                    tags[^1] = (n, (v + " " + part).Trim());
                }
            }
        }

        return new JsDocTags(description.Count > 0 ? string.Join(" ", description) : null, tags);
    }

    private static readonly HashSet<string> KnownTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems",
        "uniqueItems", "pattern", "format", "example", "examples", "default", "description", "title", "nullable", "readOnly", "writeOnly",
        "type", "asType", "TJS-type", "deprecated", "see", "param", "returns", "remarks",
    };

    private static List<string> SplitTags(string line)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 1; i < line.Length; i++)
        {
            // A new tag starts at " @word"; inside a @pattern only a known tag name does (patterns may contain '@').
            if (line[i] == '@' && char.IsWhiteSpace(line[i - 1]) && i + 1 < line.Length && char.IsAsciiLetter(line[i + 1])
                && (!IsPatternTag(line[start..i]) || KnownTags.Contains(TagNameAt(line, i + 1))))
            {
                parts.Add(line[start..i].Trim());
                start = i;
            }
        }

        parts.Add(line[start..].Trim());
        return parts;
    }

    private static string TagNameAt(string line, int index)
    {
        var end = index;
        while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '-'))
        {
            end++;
        }

        return line[index..end];
    }

    private static bool IsPatternTag(string part) => part.StartsWith("@pattern", StringComparison.Ordinal);

    public string? Get(string name) =>
        Tags.Where(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)).Select(t => t.Value).FirstOrDefault();

    public bool Has(string name) => Tags.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Applies description and constraint tags to <paramref name="schema"/>.</summary>
    public SchemaModel ApplyTo(SchemaModel schema)
    {
        var result = schema;
        if (Description is not null && result.Description is null)
        {
            result = result with { Description = Description };
        }

        foreach (var (name, value) in Tags)
        {
            result = name.ToLowerInvariant() switch
            {
                "minimum" when Decimal(value) is { } d => result with { Minimum = d },
                "maximum" when Decimal(value) is { } d => result with { Maximum = d },
                "exclusiveminimum" when Decimal(value) is { } d => result with { ExclusiveMinimum = d },
                "exclusivemaximum" when Decimal(value) is { } d => result with { ExclusiveMaximum = d },
                "multipleof" when Decimal(value) is { } d => result with { MultipleOf = d },
                "minlength" when Int(value) is { } i => result with { MinLength = i },
                "maxlength" when Int(value) is { } i => result with { MaxLength = i },
                "minitems" when Int(value) is { } i => result with { MinItems = i },
                "maxitems" when Int(value) is { } i => result with { MaxItems = i },
                "uniqueitems" => result with { UniqueItems = true },
                "pattern" when value.Length > 0 => result with { Pattern = value },
                "format" when value.Length > 0 => result with { Format = value },
                "example" or "examples" when value.Length > 0 => result with { Examples = [.. result.Examples, Literal(value, result.Type)] },
                "default" when value.Length > 0 => result with { Default = Literal(value, result.Type) },
                "description" when value.Length > 0 => result with { Description = value },
                "title" when value.Length > 0 => result with { Title = value },
                "nullable" => result with { Nullable = true },
                "readonly" => result with { ReadOnly = true },
                "writeonly" => result with { WriteOnly = true },
                "type" or "astype" or "tjs-type" when value is "integer" or "{integer}" => result with { Type = "integer" },
                _ => result,
            };
        }

        return result;
    }

    private static decimal? Decimal(string value) =>
        decimal.TryParse(FirstWord(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static int? Int(string value) =>
        int.TryParse(FirstWord(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static string FirstWord(string value)
    {
        var space = value.IndexOfAny([' ', '\t']);
        return space < 0 ? value : value[..space];
    }

    /// <summary>A tag value as JSON: numbers and booleans for such schemas, JSON literals as written, otherwise a string.</summary>
    public static JsonNode? Literal(string value, string? type)
    {
        var trimmed = value.Trim();
        if (type == "string")
        {
            return JsonValue.Create(Unquote(trimmed));
        }

        if (trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || trimmed[0] is '-' or '{' or '[' or '"') || trimmed is "true" or "false" or "null")
        {
            try
            {
                return JsonNode.Parse(trimmed);
            }
            catch (JsonException)
            {
                // not JSON: keep the text
            }
        }

        return JsonValue.Create(Unquote(trimmed));
    }

    private static string Unquote(string text) =>
        text.Length >= 2 && (text[0] == '"' && text[^1] == '"' || text[0] == '\'' && text[^1] == '\'') ? text[1..^1] : text;
}
