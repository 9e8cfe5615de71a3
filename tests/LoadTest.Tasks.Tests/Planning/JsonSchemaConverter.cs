using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>
/// A <see cref="SchemaModel"/> (with the model's named schemas as <c>$defs</c>) as a JSON Schema 2020-12 document
/// for validating request values: readOnly members are not required in requests, as OpenAPI says.
/// oneOf becomes anyOf: the generator picks one variant, and specs whose variants overlap would otherwise
/// reject a correct pick for matching two variants.
/// </summary>
internal static class JsonSchemaConverter
{
    public static JsonObject Document(SchemaModel schema, ApiModel model)
    {
        var root = Convert(schema, model);
        var defs = new JsonObject();
        foreach (var (name, named) in model.Schemas.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            defs[name] = Convert(named, model);
        }

        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = defs;
        return root;
    }

    private static JsonObject Convert(SchemaModel s, ApiModel model)
    {
        if (s.RefName is { } name)
        {
            return new JsonObject { ["$ref"] = "#/$defs/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) };
        }

        var o = new JsonObject();
        if (s.Type is { } type)
        {
            o["type"] = s.Nullable && type != "null" ? new JsonArray(type, "null") : type;
        }

        if (s.Format is { } format)
        {
            o["format"] = format;
        }

        if (s.Enum.Count > 0)
        {
            o["enum"] = new JsonArray([.. s.Enum.Select(e => e?.DeepClone()), .. s.Nullable && !s.Enum.Contains(null) ? [null] : Array.Empty<JsonNode?>()]);
        }

        if (s.Const is not null)
        {
            o["const"] = s.Const.DeepClone();
        }

        void Number(string key, decimal? value)
        {
            if (value is { } v)
            {
                o[key] = v;
            }
        }

        Number("minimum", s.Minimum);
        Number("maximum", s.Maximum);
        Number("exclusiveMinimum", s.ExclusiveMinimum);
        Number("exclusiveMaximum", s.ExclusiveMaximum);
        Number("multipleOf", s.MultipleOf);
        if (s.MinLength is { } minLength)
        {
            o["minLength"] = minLength;
        }

        if (s.MaxLength is { } maxLength)
        {
            o["maxLength"] = maxLength;
        }

        if (s.Pattern is { } pattern)
        {
            o["pattern"] = pattern;
        }

        if (s.Items is { } items)
        {
            o["items"] = Convert(items, model);
        }

        if (s.PrefixItems.Count > 0)
        {
            o["prefixItems"] = new JsonArray([.. s.PrefixItems.Select(p => (JsonNode)Convert(p, model))]);
        }

        if (s.MinItems is { } minItems)
        {
            o["minItems"] = minItems;
        }

        if (s.MaxItems is { } maxItems)
        {
            o["maxItems"] = maxItems;
        }

        if (s.UniqueItems)
        {
            o["uniqueItems"] = true;
        }

        if (s.Properties.Count > 0)
        {
            o["properties"] = new JsonObject([.. s.Properties.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Convert(p.Value, model)))]);
        }

        var required = s.Required.Where(r => !(s.Properties.TryGetValue(r, out var p) && IsReadOnly(p, model))).ToList();
        if (required.Count > 0)
        {
            o["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
        }

        if (s.AdditionalProperties is { } additional)
        {
            o["additionalProperties"] = Convert(additional, model);
        }

        if (s.AllOf.Count > 0)
        {
            o["allOf"] = new JsonArray([.. s.AllOf.Select(a => (JsonNode)Convert(a, model))]);
        }

        if (s.OneOf.Count > 0 || s.AnyOf.Count > 0)
        {
            o["anyOf"] = new JsonArray([.. s.OneOf.Concat(s.AnyOf).Select(a => (JsonNode)Convert(a, model))]);
        }

        return o;
    }

    private static bool IsReadOnly(SchemaModel schema, ApiModel model)
    {
        for (var hops = 0; hops < 16; hops++)
        {
            if (schema.ReadOnly)
            {
                return true;
            }

            if (schema.RefName is not { } name || !model.Schemas.TryGetValue(name, out var next))
            {
                return false;
            }

            schema = next;
        }

        return false;
    }
}
