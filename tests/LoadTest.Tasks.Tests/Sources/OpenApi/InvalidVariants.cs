using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.OpenApi;
using Microsoft.OpenApi;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>
/// Variants of a real document that are invalid by construction, each in one known way (the shapes the OpenAPI
/// library used to accept without a word): a schema's type null or an empty list, a parameter without schema, a path
/// parameter never declared or declared but not in the path, text fields holding numbers, a $ref that is not text,
/// a security requirement naming no scheme, a component that is null, true/false fields holding text. Written as
/// JSON (which YAML readers read too), so a YAML input gives JSON variants.
/// </summary>
internal static class InvalidVariants
{
    public static IEnumerable<(string Name, string Content)> Of(string path, string text)
    {
        var document = SourceDocumentParser.Parse(path, text, new List<SourceDiagnostic>())?.Root;
        if (document is not JsonObject)
        {
            yield break;
        }

        var swagger2 = document["swagger"] is not null;
        foreach (var (name, mutate) in Mutations(swagger2))
        {
            var copy = Clean(document.DeepClone());
            if (mutate(copy))
            {
                yield return (name, copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
        }
    }

    private static IEnumerable<(string Name, Func<JsonNode, bool> Mutate)> Mutations(bool swagger2)
    {
        yield return ("schema type null", d => First(d, IsTypedSchema) is { } s && Set(s, "type", null));
        yield return ("schema type []", d => First(d, IsTypedSchema) is { } s && Set(s, "type", new JsonArray()));
        yield return ("schema type 42", d => Nth(d, IsTypedSchema, 1) is { } s && Set(s, "type", 42));
        yield return ("schema type unknown", d => Nth(d, IsTypedSchema, 2) is { } s && Set(s, "type", "strng"));
        yield return ("parameter without schema", d => First(d, p => IsParameter(p) && (swagger2 ? p["in"]?.GetValue<string>() != "body" && p["type"] is not null : p["schema"] is not null)) is { } p
            && p.Remove(swagger2 ? "type" : "schema"));
        yield return ("path parameter never declared", d => Paths(d).FirstOrDefault(p => !p.Key.Contains('{')) is { Key: not null } path
            && Rename(d, path.Key, path.Key.TrimEnd('/') + "/{undeclaredId}"));
        yield return ("path parameter not in the path", d => Paths(d).FirstOrDefault(p => p.Key.Contains('{')) is { Key: not null } path
            && Rename(d, path.Key, path.Key[..path.Key.IndexOf('{')] + "literal" + path.Key[(path.Key.IndexOf('}') + 1)..]));
        yield return ("operationId is a number", d => First(d, o => o.ContainsKey("responses") && o.ContainsKey("operationId")) is { } o && Set(o, "operationId", 42));
        yield return ("summary is a list", d => First(d, o => o.ContainsKey("responses")) is { } o && Set(o, "summary", new JsonArray(1, 2)));
        yield return ("$ref is true", d => First(d, o => o["$ref"] is JsonValue) is { } r && Set(r, "$ref", true));
        yield return ("security names no scheme", d => d is JsonObject root && Set(root, "security", new JsonArray(new JsonObject { ["undefinedScheme"] = new JsonArray() })));
        yield return ("component is null", d => (swagger2 ? d["definitions"] : d["components"]?["schemas"]) is JsonObject { Count: > 0 } map && Set(map, map.First().Key, null));
        yield return ("required is text", d => First(d, IsParameter) is { } p && Set(p, "required", "yes"));
    }

    private static bool IsTypedSchema(JsonObject o) => o["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type is "string" or "integer" or "object" or "array" or "number" or "boolean";

    private static bool IsParameter(JsonObject o) => o["in"] is JsonValue && o["name"] is JsonValue;

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Paths(JsonNode document) => document["paths"] as JsonObject ?? [];

    private static bool Rename(JsonNode document, string from, string to)
    {
        var paths = (JsonObject)document["paths"]!;
        var item = paths[from];
        paths.Remove(from);
        paths[to] = item;
        return true;
    }

    private static bool Set(JsonObject obj, string key, JsonNode? value)
    {
        obj[key] = value;
        return true;
    }

    private static JsonObject? First(JsonNode node, Func<JsonObject, bool> match) => Nth(node, match, 0);

    /// <summary>The <paramref name="n"/>th object (document order) that matches, outside examples.</summary>
    private static JsonObject? Nth(JsonNode node, Func<JsonObject, bool> match, int n)
    {
        var seen = 0;
        JsonObject? found = null;
        void Visit(JsonNode? current)
        {
            if (found is not null)
            {
                return;
            }

            switch (current)
            {
                case JsonObject obj:
                    if (match(obj) && seen++ == n)
                    {
                        found = obj;
                        return;
                    }

                    foreach (var (key, child) in obj)
                    {
                        if (key is not ("example" or "examples" or "default" or "enum") && !key.StartsWith("x-", StringComparison.Ordinal))
                        {
                            Visit(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        Visit(node);
        return found;
    }

    /// <summary>YAML's null reaches the tree as the library's null sentinel: back to a JSON null for writing.</summary>
    private static JsonNode Clean(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is not null && JsonNullSentinel.IsJsonNullSentinel(child))
                    {
                        obj[key] = null;
                    }
                    else if (child is not null)
                    {
                        Clean(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && JsonNullSentinel.IsJsonNullSentinel(item))
                    {
                        array[i] = null;
                    }
                    else if (array[i] is { } other)
                    {
                        Clean(other);
                    }
                }

                break;
        }

        return node;
    }
}
