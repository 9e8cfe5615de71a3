using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Model;
using Microsoft.OpenApi;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Checks the shapes the OpenAPI library reads without a word, or reports in its own terms: a schema's <c>type</c>
/// (LT1051), parameters without a schema (LT1052), path template parameters that are not declared and declared path
/// parameters that are not in the template (LT1053, LT1054), and fixed fields holding the wrong kind of value
/// (LT1055). Runs on the document as written, before references are bundled, so every finding has its line.
/// </summary>
internal sealed partial class DocumentValidator
{
    private static readonly HashSet<string> Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];
    private static readonly HashSet<string> TypeNames = ["string", "number", "integer", "boolean", "array", "object", "null"];
    private static readonly HashSet<string> ParameterLocations3 = ["query", "header", "path", "cookie", "querystring"];
    private static readonly HashSet<string> ParameterLocations2 = ["query", "header", "path", "formData", "body"];

    /// <summary>Fields whose value is text wherever they appear outside data (examples, enums, extensions).</summary>
    private static readonly HashSet<string> TextFields = ["summary", "description", "operationId", "format", "pattern", "title", "version"];

    private readonly SourceDocument _document;
    private readonly List<SourceDiagnostic> _diagnostics;
    private readonly bool _swagger2;
    private readonly bool _v31;

    private DocumentValidator(SourceDocument document, List<SourceDiagnostic> diagnostics)
    {
        _document = document;
        _diagnostics = diagnostics;
        var root = document.Root as JsonObject;
        _swagger2 = root?.ContainsKey("swagger") == true;
        _v31 = !_swagger2 && TextOf(root?["openapi"]) is { } version && !version.StartsWith("3.0", StringComparison.Ordinal);
    }

    /// <summary>Pointers this validator reported on (the library's own messages at or under them are left out).</summary>
    public HashSet<string> ReportedPointers { get; } = new(StringComparer.Ordinal);

    public static DocumentValidator Validate(SourceDocument document, List<SourceDiagnostic> diagnostics)
    {
        var validator = new DocumentValidator(document, diagnostics);
        if (document.Root is JsonObject root)
        {
            validator.Root(root);
        }

        return validator;
    }

    private void Root(JsonObject root)
    {
        Text(root["info"] as JsonObject, "/info");
        if (root["paths"] is JsonObject paths)
        {
            foreach (var (path, item) in paths)
            {
                if (item is JsonObject pathItem && !path.StartsWith("x-", StringComparison.Ordinal))
                {
                    PathItem(path, pathItem, "/paths/" + JsonPointer.Escape(path));
                }
            }
        }

        var schemas = _swagger2 ? root["definitions"] as JsonObject : (root["components"] as JsonObject)?["schemas"] as JsonObject;
        var schemasPointer = _swagger2 ? "/definitions" : "/components/schemas";
        foreach (var (name, schema) in schemas ?? [])
        {
            Schema(schema, JsonPointer.Append(schemasPointer, name), 0);
        }

        var parameters = _swagger2 ? root["parameters"] as JsonObject : (root["components"] as JsonObject)?["parameters"] as JsonObject;
        var parametersPointer = _swagger2 ? "/parameters" : "/components/parameters";
        foreach (var (name, parameter) in parameters ?? [])
        {
            Parameter(parameter, JsonPointer.Append(parametersPointer, name));
        }
    }

    private void PathItem(string path, JsonObject item, string pointer)
    {
        var shared = Parameters(item["parameters"], pointer + "/parameters");
        foreach (var (method, value) in item)
        {
            if (!Methods.Contains(method) || value is not JsonObject operation)
            {
                continue;
            }

            var operationPointer = JsonPointer.Append(pointer, method);
            Text(operation, operationPointer);
            Kind(operation, "tags", operationPointer, JsonValueKind.Array, "a list of tag names");
            Kind(operation, "security", operationPointer, JsonValueKind.Array, "a list of security requirements");
            var own = Parameters(operation["parameters"], operationPointer + "/parameters");
            PathParameters(path, pointer, operationPointer, shared, own);
            Body(operation, operationPointer);
            if (operation["responses"] is JsonObject responses)
            {
                foreach (var (status, response) in responses)
                {
                    Response(response, JsonPointer.Append(operationPointer + "/responses", status));
                }
            }
        }
    }

    /// <summary>Validates a parameter list; returns each parameter's (name, location, pointer), resolving local references; null when some cannot be resolved.</summary>
    private List<(string? Name, string? In, string Pointer)>? Parameters(JsonNode? list, string pointer)
    {
        var found = new List<(string?, string?, string)>();
        if (list is null)
        {
            return found;
        }

        if (list is not JsonArray array)
        {
            Kind(list, pointer, JsonValueKind.Array, "a list of parameters");
            return found;
        }

        var complete = true;
        for (var i = 0; i < array.Count; i++)
        {
            var itemPointer = pointer + "/" + i;
            var parameter = array[i] as JsonObject;
            if (TextOf(parameter?["$ref"]) is { } target)
            {
                // Only a local reference can be followed here; an external one may declare anything.
                if (!target.StartsWith("#/", StringComparison.Ordinal) || !JsonPointer.TryResolve(_document.Root, Uri.UnescapeDataString(target[1..]), out var resolved) || resolved is not JsonObject)
                {
                    complete = false;
                    continue;
                }

                parameter = (JsonObject)resolved!;
            }
            else
            {
                Parameter(parameter, itemPointer);
            }

            if (parameter is not null)
            {
                found.Add((TextOf(parameter["name"]), TextOf(parameter["in"]), itemPointer));
            }
        }

        return complete ? found : null;
    }

    private void Parameter(JsonNode? node, string pointer)
    {
        if (node is not JsonObject parameter || parameter.ContainsKey("$ref"))
        {
            return;
        }

        Text(parameter, pointer);
        var name = TextOf(parameter["name"]);
        var location = TextOf(parameter["in"]);
        var label = name is null ? "A parameter" : $"Parameter '{name}'";
        if (name is null)
        {
            Report("LT1052", DiagnosticSeverity.Error, $"A parameter has no name{(parameter.ContainsKey("name") ? " (its 'name' is not text)" : "")}, so it cannot be sent.", pointer + (parameter.ContainsKey("name") ? "/name" : ""),
                "Give every parameter a 'name' (and 'in': query, header, path or cookie).");
        }

        if (location is null || !(_swagger2 ? ParameterLocations2 : ParameterLocations3).Contains(location))
        {
            Report("LT1052", DiagnosticSeverity.Error, $"{label} has {(location is null ? "no valid 'in'" : $"'in: {location}'")}: it must say where it goes ({string.Join(", ", _swagger2 ? ParameterLocations2 : ParameterLocations3)}).", pointer + (parameter.ContainsKey("in") ? "/in" : ""),
                "Set 'in' to where the API reads the parameter.");
        }

        Kind(parameter, "required", pointer, JsonValueKind.True, "true or false");
        if (_swagger2 && location != "body")
        {
            if (!parameter.ContainsKey("type"))
            {
                Report("LT1052", DiagnosticSeverity.Warning, $"{label} has no 'type'; its value is sent as generated text.", pointer,
                    "Give the parameter a 'type' (string, number, integer, boolean, array or file).");
            }

            SchemaType(parameter, pointer);
        }
        else if (_swagger2)
        {
            if (parameter["schema"] is null)
            {
                Report("LT1052", DiagnosticSeverity.Warning, $"Body parameter {label.Replace("Parameter ", "", StringComparison.Ordinal)} has no 'schema'; an empty object is sent.", pointer,
                    "Give the body parameter a 'schema'.");
            }

            Schema(parameter["schema"], pointer + "/schema", 0);
        }
        else if (parameter["schema"] is null && parameter["content"] is null)
        {
            Report("LT1052", DiagnosticSeverity.Warning, $"{label} has neither 'schema' nor 'content'; its value is sent as generated text.", pointer,
                "Give the parameter a 'schema' (e.g. { type: string }).");
        }
        else
        {
            Schema(parameter["schema"], pointer + "/schema", 0);
            Content(parameter["content"], pointer + "/content");
        }
    }

    private void PathParameters(string path, string pathPointer, string operationPointer, List<(string? Name, string? In, string Pointer)>? shared, List<(string? Name, string? In, string Pointer)>? own)
    {
        var inTemplate = PathTemplateParameter().Matches(path).Select(m => m.Groups[1].Value).ToList();
        var declared = (shared ?? []).Concat(own ?? []).Where(p => p.In == "path").ToList();
        if (shared is not null && own is not null)
        {
            foreach (var name in inTemplate.Distinct(StringComparer.Ordinal).Where(name => !declared.Any(p => p.Name == name)))
            {
                Report("LT1053", DiagnosticSeverity.Warning, $"The path {path} has the parameter {{{name}}}, but {operationPointer[(pathPointer.Length + 1)..].ToUpperInvariant()} declares no path parameter named '{name}'; a generated text is sent in its place.", operationPointer,
                    $"Declare it: parameters: [{{ name: {name}, in: path, required: true, schema: {{ type: string }} }}] (at the path or the operation).");
            }
        }

        // Declared here (not only shared by the path, where other operations would report the same).
        foreach (var parameter in (own ?? []).Concat(shared ?? []).Where(p => p.In == "path" && p.Name is not null && !inTemplate.Contains(p.Name)).DistinctBy(p => p.Pointer))
        {
            if (!ReportedPointers.Add(parameter.Pointer))
            {
                continue;
            }

            Report("LT1054", DiagnosticSeverity.Warning, $"Path parameter '{parameter.Name}' is declared, but the path {path} has no {{{parameter.Name}}}; it is never sent.", parameter.Pointer,
                $"Put {{{parameter.Name}}} in the path, or correct the parameter's name or 'in'.");
        }
    }

    private void Body(JsonObject operation, string pointer)
    {
        if (operation["requestBody"] is JsonObject body && !body.ContainsKey("$ref"))
        {
            Text(body, pointer + "/requestBody");
            Content(body["content"], pointer + "/requestBody/content");
        }
    }

    private void Response(JsonNode? node, string pointer)
    {
        if (node is not JsonObject response || response.ContainsKey("$ref"))
        {
            return;
        }

        Text(response, pointer);
        Content(response["content"], pointer + "/content");
        Schema(response["schema"], pointer + "/schema", 0);
    }

    private void Content(JsonNode? node, string pointer)
    {
        if (node is not JsonObject content)
        {
            return;
        }

        foreach (var (mediaType, media) in content)
        {
            if (media is JsonObject mediaObject)
            {
                Schema(mediaObject["schema"], JsonPointer.Append(pointer, mediaType) + "/schema", 0);
            }
        }
    }

    private void Schema(JsonNode? node, string pointer, int depth)
    {
        if (node is not JsonObject schema || depth > SourceDocumentParser.MaxDepth)
        {
            return;
        }

        if (schema.TryGetPropertyValue("$ref", out var reference))
        {
            if (TextOf(reference) is null)
            {
                Report("LT1055", DiagnosticSeverity.Warning, "This '$ref' is not text, so it refers to nothing and is ignored.", pointer + "/$ref",
                    "Write the reference as text, e.g. $ref: '#/components/schemas/Pet'.");
            }

            if (!_v31)
            {
                return;
            }
        }

        SchemaType(schema, pointer);
        Text(schema, pointer);
        Kind(schema, "required", pointer, JsonValueKind.Array, "a list of property names");
        foreach (var key in new[] { "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames" })
        {
            Schema(schema[key], pointer + "/" + key, depth + 1);
        }

        foreach (var key in new[] { "properties", "patternProperties", "$defs", "definitions" })
        {
            if (schema[key] is JsonObject map)
            {
                foreach (var (name, child) in map)
                {
                    Schema(child, JsonPointer.Append(pointer + "/" + key, name), depth + 1);
                }
            }
        }

        foreach (var key in new[] { "allOf", "oneOf", "anyOf", "prefixItems" })
        {
            if (schema[key] is JsonArray list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    Schema(list[i], $"{pointer}/{key}/{i}", depth + 1);
                }
            }
        }
    }

    /// <summary>The schema's <c>type</c>: one known type name (3.1: or a non-empty list of them).</summary>
    private void SchemaType(JsonObject schema, string pointer)
    {
        if (!schema.TryGetPropertyValue("type", out var type))
        {
            return;
        }

        type = Real(type);

        var at = pointer + "/type";
        var known = _swagger2 ? "string, number, integer, boolean, array, object or file" : "string, number, integer, boolean, array or object";
        string? problem = type switch
        {
            null => "is null (empty)",
            JsonArray { Count: 0 } => "is an empty list",
            JsonArray when !_v31 => $"is a list, which OpenAPI {(_swagger2 ? "2.0" : "3.0")} does not allow (3.1 does)",
            JsonArray list when list.Any(t => (Real(t) is null ? "null" : TextOf(t)) is not { } name || !TypeNames.Contains(name)) => "lists something that is not a type name",
            JsonArray list when list.Select(t => TextOf(t) ?? "null").Distinct().Count() != list.Count => "lists a type twice",
            JsonArray => null,
            JsonValue value when !value.TryGetValue<string>(out _) => $"is {Shown(type)}, not a type name",
            JsonValue value when value.GetValue<string>() is var name && !(TypeNames.Contains(name) || (_swagger2 && name == "file")) => $"is '{name}', not a type name",
            JsonValue value when value.GetValue<string>() == "null" && !_v31 => null,
            JsonValue => null,
            _ => $"is {Shown(type)}, not a type name",
        };

        if (problem is not null)
        {
            ReportedPointers.Add(at);
            Report("LT1051", DiagnosticSeverity.Error, $"The schema's 'type' {problem}.", at,
                $"Use one of {known}{(_v31 ? ", 'null' (quoted in YAML), or a list of them" : "")}; leave 'type' out to allow any value.");
        }
        else if (type is JsonValue nullName && nullName.GetValue<string>() == "null" && !_v31)
        {
            Report("LT1051", DiagnosticSeverity.Warning, $"'type: \"null\"' is OpenAPI 3.1; in {(_swagger2 ? "2.0" : "3.0")} a null value is 'nullable: true' on the schema it belongs to.", at,
                "Use nullable: true (3.0), or declare the document as openapi: 3.1.0.");
        }
    }

    /// <summary>Fixed fields that hold text (summary, description, operationId…) must hold text.</summary>
    private void Text(JsonObject? obj, string pointer)
    {
        foreach (var (key, value) in obj ?? [])
        {
            if (TextFields.Contains(key) && TextOf(value) is null)
            {
                Report("LT1055", DiagnosticSeverity.Warning, $"'{key}' should be text but is {Shown(value)}.", JsonPointer.Append(pointer, key),
                    $"Write the {key} as text (quote it in YAML if it looks like a number or true/false).");
            }
        }
    }

    private void Kind(JsonObject owner, string key, string pointer, JsonValueKind kind, string expected)
    {
        if (owner.TryGetPropertyValue(key, out var value))
        {
            Kind(value, JsonPointer.Append(pointer, key), kind, expected);
        }
    }

    private void Kind(JsonNode? value, string pointer, JsonValueKind kind, string expected)
    {
        var actual = Real(value)?.GetValueKind() ?? JsonValueKind.Null;
        var matches = kind == JsonValueKind.True ? actual is JsonValueKind.True or JsonValueKind.False : actual == kind;
        if (!matches)
        {
            var key = pointer[(pointer.LastIndexOf('/') + 1)..];
            Report("LT1055", DiagnosticSeverity.Warning, $"'{JsonPointer.Unescape(key)}' should be {expected} but is {Shown(value)}; it is ignored.", pointer,
                $"Write '{JsonPointer.Unescape(key)}' as {expected}.");
        }
    }

    /// <summary>YAML's null reaches the tree as the library's null sentinel (a string): it is null here.</summary>
    private static JsonNode? Real(JsonNode? node) => node is not null && JsonNullSentinel.IsJsonNullSentinel(node) ? null : node;

    /// <summary>The node's text when it is a string (and not YAML's null).</summary>
    private static string? TextOf(JsonNode? node) => Real(node) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Shown(JsonNode? value) => Real(value) switch
    {
        null => "null",
        JsonArray a => a.Count == 0 ? "an empty list" : "a list",
        JsonObject => "an object",
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "the number " + v.ToJsonString(),
        var other => other.ToJsonString(),
    };

    private void Report(string code, DiagnosticSeverity severity, string message, string pointer, string help) =>
        _diagnostics.Add(new SourceDiagnostic(code, severity, message, _document.Locate(pointer)) { Help = help });

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex PathTemplateParameter();
}
