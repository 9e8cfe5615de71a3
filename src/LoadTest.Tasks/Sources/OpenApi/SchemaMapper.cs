using System.Globalization;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using Microsoft.OpenApi;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Maps the library's schemas to <see cref="SchemaModel"/>. A reference to a named component becomes
/// <see cref="SchemaModel.Ref"/>, never its expansion, so self-referencing schemas stay finite.
/// </summary>
internal static class SchemaMapper
{
    /// <summary>Inline schemas nest this deep at most in real documents; deeper input is cut, not overflowed.</summary>
    private const int MaxDepth = 64;

    public static SchemaModel Map(IOpenApiSchema? schema) => Map(schema, 0);

    /// <summary>Maps a component's own definition (the entry of <see cref="ApiModel.Schemas"/>), expanding one level of itself.</summary>
    public static SchemaModel MapComponent(IOpenApiSchema schema) =>
        schema is OpenApiSchemaReference reference && ReferenceName(reference) is { } name
            ? SchemaModel.Ref(name)
            : MapBody(schema.Resolve(), 0);

    private static SchemaModel Map(IOpenApiSchema? schema, int depth)
    {
        if (schema is null || depth > MaxDepth)
        {
            return new SchemaModel();
        }

        if (schema is OpenApiSchemaReference reference && ReferenceName(reference) is { } name)
        {
            // Siblings of $ref (3.1) that matter to payloads: description, readOnly/writeOnly.
            return SchemaModel.Ref(name) with
            {
                Description = reference.Reference.Description,
                ReadOnly = reference.Reference.ReadOnly ?? false,
                WriteOnly = reference.Reference.WriteOnly ?? false,
            };
        }

        return MapBody(schema.Resolve(), depth);
    }

    /// <summary>The component name a reference points to, or null for references that are not to a component.</summary>
    public static string? ReferenceName(OpenApiSchemaReference reference)
    {
        var id = reference.Reference.Id;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        // Component references carry the bare name; a pointer into a schema's inside is expanded instead.
        return id.Contains('/', StringComparison.Ordinal) ? null : id;
    }

    private static SchemaModel MapBody(IOpenApiSchema schema, int depth)
    {
        var (type, nullable, alternatives) = MapType(schema.Type);
        var pattern = schema.Pattern;
        if (alternatives.Count > 1 && NumericOverString(alternatives, schema.Format, pattern) is { } numeric)
        {
            // type: [integer, string] is how Microsoft.AspNetCore.OpenApi writes every number (the string form is
            // for number handling that reads quoted numbers); clients send the number, and the pattern only
            // constrains the string form.
            (type, alternatives, pattern) = (numeric, [numeric], null);
        }

        var examples = new List<JsonNode?>();
#pragma warning disable CS0618 // 'example' (3.0 and 2.0) still arrives only in the obsolete member.
        if (schema.Example is not null)
        {
            examples.Add(schema.Example.DeepClone());
        }
#pragma warning restore CS0618

        if (schema.Examples is not null)
        {
            examples.AddRange(schema.Examples.Select(e => e?.DeepClone()));
        }

        var anyOf = Many(schema.AnyOf, depth);
        if (alternatives.Count > 1 && anyOf.Count == 0)
        {
            // type: [string, integer] has no single type; model it as a choice.
            anyOf = alternatives.Select(t => SchemaModel.Of(t)).ToList();
        }

        return new SchemaModel
        {
            Type = type,
            Format = schema.Format,
            Title = schema.Title,
            Description = schema.Description,
            Nullable = nullable,
            ReadOnly = schema.ReadOnly,
            WriteOnly = schema.WriteOnly,
            Enum = schema.Enum?.Select(e => e?.DeepClone()).ToList() ?? [],
            Const = ParseConst(schema.Const),
            Default = schema.Default?.DeepClone(),
            Examples = examples,
            Minimum = ParseNumber(schema.Minimum),
            Maximum = ParseNumber(schema.Maximum),
            ExclusiveMinimum = ParseNumber(schema.ExclusiveMinimum),
            ExclusiveMaximum = ParseNumber(schema.ExclusiveMaximum),
            MultipleOf = schema.MultipleOf,
            MinLength = schema.MinLength,
            MaxLength = schema.MaxLength,
            Pattern = pattern,
            Items = schema.Items is null ? null : Map(schema.Items, depth + 1),
            PrefixItems = PrefixItems(schema, depth),
            MinItems = schema.MinItems,
            MaxItems = schema.MaxItems,
            UniqueItems = schema.UniqueItems ?? false,
            Properties = schema.Properties?.ToDictionary(p => p.Key, p => Map(p.Value, depth + 1), StringComparer.Ordinal)
                         ?? new Dictionary<string, SchemaModel>(StringComparer.Ordinal),
            Required = schema.Required?.ToList() ?? [],
            AdditionalProperties = schema.AdditionalProperties is null ? null : Map(schema.AdditionalProperties, depth + 1),
            AllOf = Many(schema.AllOf, depth),
            OneOf = Many(schema.OneOf, depth),
            AnyOf = anyOf,
            DiscriminatorProperty = schema.Discriminator?.PropertyName,
            DiscriminatorMapping = schema.Discriminator?.Mapping?.ToDictionary(
                                       m => m.Key,
                                       m => ReferenceName(m.Value) ?? m.Value.Reference.ReferenceV3 ?? "",
                                       StringComparer.Ordinal)
                                   ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    private static List<SchemaModel> Many(IList<IOpenApiSchema>? schemas, int depth) =>
        schemas?.Select(s => Map(s, depth + 1)).ToList() ?? [];

    /// <summary>prefixItems is not a first-class member of the library's schema in every version; it arrives as an unrecognised keyword.</summary>
    private static List<SchemaModel> PrefixItems(IOpenApiSchema schema, int depth)
    {
        if (schema.UnrecognizedKeywords is null || !schema.UnrecognizedKeywords.TryGetValue("prefixItems", out var node) || node is not JsonArray items)
        {
            return [];
        }

        return items.Select(item => item is JsonObject obj ? FromJson(obj, depth + 1) : new SchemaModel()).ToList();
    }

    /// <summary>A schema that reached us as raw JSON (an unrecognised keyword): the common constraints only.</summary>
    private static SchemaModel FromJson(JsonObject obj, int depth)
    {
        if (depth > MaxDepth)
        {
            return new SchemaModel();
        }

        if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            return SchemaModel.Ref(JsonPointer.Unescape(reference[(reference.LastIndexOf('/') + 1)..]));
        }

        string? type = null;
        var nullable = false;
        switch (obj["type"])
        {
            case JsonValue single when single.TryGetValue<string>(out var t):
                type = t;
                break;
            case JsonArray many:
                var names = many.Select(n => n?.ToString()).OfType<string>().ToList();
                nullable = names.Contains("null");
                var nonNull = names.Where(n => n != "null").ToList();
                type = NumericOverString(nonNull, (obj["format"] as JsonValue)?.ToString(), (obj["pattern"] as JsonValue)?.ToString()) ?? nonNull.FirstOrDefault();
                break;
        }

        return new SchemaModel
        {
            Type = type,
            Nullable = nullable,
            Format = (obj["format"] as JsonValue)?.ToString(),
            Minimum = ParseNumber(obj["minimum"]?.ToString()),
            Maximum = ParseNumber(obj["maximum"]?.ToString()),
            MinLength = ParseInt(obj["minLength"]),
            MaxLength = ParseInt(obj["maxLength"]),
            Pattern = type is "integer" or "number" ? null : (obj["pattern"] as JsonValue)?.ToString(),
            Enum = (obj["enum"] as JsonArray)?.Select(e => e?.DeepClone()).ToList() ?? [],
            Const = obj["const"]?.DeepClone(),
            Items = obj["items"] is JsonObject items ? FromJson(items, depth + 1) : null,
        };
    }

    private static readonly HashSet<string> StringFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "date", "date-time", "time", "duration", "uuid", "guid", "email", "idn-email", "uri", "url", "uri-reference", "iri", "hostname",
        "ipv4", "ipv6", "byte", "binary", "password", "char",
    };

    private static readonly HashSet<string> NumericFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "integer", "float", "double", "decimal", "number",
    };

    /// <summary>
    /// The numeric member of a number-or-string type (<c>[integer, string]</c>, <c>[number, string]</c>), unless the
    /// format names a number or the pattern describes number text (what Microsoft.AspNetCore.OpenApi writes); null for
    /// other unions, which stay a choice.
    /// </summary>
    internal static string? NumericOverString(IReadOnlyList<string> types, string? format, string? pattern)
    {
        var numeric = types.Contains("integer") ? "integer" : types.Contains("number") ? "number" : null;
        if (numeric is null || types.Any(t => t is not ("integer" or "number" or "string")) || format is not null && StringFormats.Contains(format))
        {
            return null;
        }

        // Without a numeric format or a pattern for number text it is a real choice of two kinds of value.
        return format is not null && NumericFormats.Contains(format) || pattern is not null && AdmitsNumbers(pattern) ? numeric : null;
    }

    /// <summary>Whether a pattern accepts the text of plain numbers (so it describes the string form of a number).</summary>
    private static bool AdmitsNumbers(string pattern)
    {
        try
        {
            var regex = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return regex.IsMatch("1") || regex.IsMatch("12") || regex.IsMatch("1.5");
        }
        catch (Exception e) when (e is ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static int? ParseInt(JsonNode? node) =>
        node is JsonValue value && int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : null;

    private static (string? Type, bool Nullable, List<string> Alternatives) MapType(JsonSchemaType? type)
    {
        if (type is null)
        {
            return (null, false, []);
        }

        var value = type.Value;
        var nullable = value.HasFlag(JsonSchemaType.Null);
        var names = new List<string>();
        foreach (var (flag, name) in TypeNames)
        {
            if (value.HasFlag(flag))
            {
                names.Add(name);
            }
        }

        return names.Count switch
        {
            0 => (nullable ? "null" : null, nullable, names),
            1 => (names[0], nullable, names),
            _ => (null, nullable, names),
        };
    }

    private static readonly (JsonSchemaType Flag, string Name)[] TypeNames =
    [
        (JsonSchemaType.String, "string"),
        (JsonSchemaType.Integer, "integer"),
        (JsonSchemaType.Number, "number"),
        (JsonSchemaType.Boolean, "boolean"),
        (JsonSchemaType.Object, "object"),
        (JsonSchemaType.Array, "array"),
    ];

    private static decimal? ParseNumber(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The library keeps const as text; numbers, booleans and null are given back their JSON type.</summary>
    private static JsonNode? ParseConst(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text is "true" or "false" || decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return JsonValue.Create(text);
            }
        }

        return JsonValue.Create(text);
    }
}
