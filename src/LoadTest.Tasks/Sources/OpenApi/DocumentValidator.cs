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
/// (LT1055), security requirements naming no scheme (LT1056). Runs on the document as written, before references are bundled, so every finding has its line.
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

    /// <summary>Whether an error was reported (the library then fails on the same values: its failure adds nothing).</summary>
    public bool ReportedErrors { get; private set; }

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
        Fields(root, "", 0);
        Security(root);
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
        Parameters(item["parameters"], pointer + "/parameters");
        foreach (var (method, value) in item)
        {
            if (!Methods.Contains(method) || value is not JsonObject operation)
            {
                continue;
            }

            var operationPointer = JsonPointer.Append(pointer, method);
            Kind(operation, "tags", operationPointer, JsonValueKind.Array, "a list of tag names");
            Kind(operation, "security", operationPointer, JsonValueKind.Array, "a list of security requirements");
            Parameters(operation["parameters"], operationPointer + "/parameters");
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

    /// <summary>Validates the parameters of a list (references are validated where they point).</summary>
    private void Parameters(JsonNode? list, string pointer)
    {
        if (list is null)
        {
            return;
        }

        if (list is not JsonArray array)
        {
            Kind(list, pointer, JsonValueKind.Array, "a list of parameters");
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            Parameter(array[i], pointer + "/" + i);
        }
    }

    private void Parameter(JsonNode? node, string pointer)
    {
        if (node is not JsonObject parameter || parameter.ContainsKey("$ref"))
        {
            return;
        }

        var name = TextOf(parameter["name"]);
        var location = TextOf(parameter["in"]);
        var label = name is null ? "A parameter" : $"Parameter '{name}'";
        if (name is null)
        {
            Report(OpenApiDiagnosticCodes.InvalidParameter, DiagnosticSeverity.Error, $"A parameter has no name{(parameter.ContainsKey("name") ? " (its 'name' is not text)" : "")}, so it cannot be sent.", pointer + (parameter.ContainsKey("name") ? "/name" : ""),
                "Give every parameter a 'name' (and 'in': query, header, path or cookie).");
        }

        if (location is null || !(_swagger2 ? ParameterLocations2 : ParameterLocations3).Contains(location))
        {
            Report(OpenApiDiagnosticCodes.InvalidParameter, DiagnosticSeverity.Error, $"{label} has {(location is null ? "no valid 'in'" : $"'in: {location}'")}: it must say where it goes ({string.Join(", ", _swagger2 ? ParameterLocations2 : ParameterLocations3)}).", pointer + (parameter.ContainsKey("in") ? "/in" : ""),
                "Set 'in' to where the API reads the parameter.");
        }

        Kind(parameter, "required", pointer, JsonValueKind.True, "true or false");
        if (_swagger2 && location != "body")
        {
            if (!parameter.ContainsKey("type"))
            {
                Report(OpenApiDiagnosticCodes.InvalidParameter, DiagnosticSeverity.Warning, $"{label} has no 'type'; its value is sent as generated text.", pointer,
                    "Give the parameter a 'type' (string, number, integer, boolean, array or file).");
            }

            SchemaType(parameter, pointer);
        }
        else if (_swagger2)
        {
            if (parameter["schema"] is null)
            {
                Report(OpenApiDiagnosticCodes.InvalidParameter, DiagnosticSeverity.Warning, $"Body parameter {label.Replace("Parameter ", "", StringComparison.Ordinal)} has no 'schema'; an empty object is sent.", pointer,
                    "Give the body parameter a 'schema'.");
            }

            Schema(parameter["schema"], pointer + "/schema", 0);
        }
        else if (parameter["schema"] is null && parameter["content"] is null)
        {
            Report(OpenApiDiagnosticCodes.InvalidParameter, DiagnosticSeverity.Warning, $"{label} has neither 'schema' nor 'content'; its value is sent as generated text.", pointer,
                "Give the parameter a 'schema' (e.g. { type: string }).");
        }
        else
        {
            Schema(parameter["schema"], pointer + "/schema", 0);
            Content(parameter["content"], pointer + "/content");
        }
    }

    /// <summary>
    /// Path template parameters against declared path parameters, on the bundled document (parameters and path items
    /// from other files are in it by then; what they declare counts).
    /// </summary>
    public void ValidatePathParameters()
    {
        foreach (var (path, node) in _document.Root?["paths"] as JsonObject ?? [])
        {
            if (node is not JsonObject item || path.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            var pointer = "/paths/" + JsonPointer.Escape(path);
            var shared = CollectParameters(item["parameters"], pointer + "/parameters");
            foreach (var (method, value) in item)
            {
                if (Methods.Contains(method) && value is JsonObject operation)
                {
                    var operationPointer = JsonPointer.Append(pointer, method);
                    PathParameters(path, pointer, operationPointer, shared, CollectParameters(operation["parameters"], operationPointer + "/parameters"));
                }
            }
        }
    }

    /// <summary>Each parameter's (name, location, pointer), following local references; null when one cannot be followed.</summary>
    private List<(string? Name, string? In, string Pointer)>? CollectParameters(JsonNode? list, string pointer)
    {
        var found = new List<(string?, string?, string)>();
        if (list is not JsonArray array)
        {
            return found;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var parameter = array[i] as JsonObject;
            if (TextOf(parameter?["$ref"]) is { } target)
            {
                if (!target.StartsWith("#/", StringComparison.Ordinal) || !JsonPointer.TryResolve(_document.Root, Uri.UnescapeDataString(target[1..]), out var resolved) || resolved is not JsonObject)
                {
                    return null;
                }

                parameter = (JsonObject)resolved!;
            }

            if (parameter is not null)
            {
                found.Add((TextOf(parameter["name"]), TextOf(parameter["in"]), pointer + "/" + i));
            }
        }

        return found;
    }

    private void PathParameters(string path, string pathPointer, string operationPointer, List<(string? Name, string? In, string Pointer)>? shared, List<(string? Name, string? In, string Pointer)>? own)
    {
        var inTemplate = PathTemplateParameter().Matches(path).Select(m => m.Groups[1].Value).ToList();
        var declared = (shared ?? []).Concat(own ?? []).Where(p => p.In == "path").ToList();
        if (shared is not null && own is not null)
        {
            foreach (var name in inTemplate.Distinct(StringComparer.Ordinal).Where(name => !declared.Any(p => p.Name == name)))
            {
                Report(OpenApiDiagnosticCodes.UndeclaredPathParameter, DiagnosticSeverity.Warning, $"The path {path} has the parameter {{{name}}}, but {operationPointer[(pathPointer.Length + 1)..].ToUpperInvariant()} declares no path parameter named '{name}'; a generated text is sent in its place.", operationPointer,
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

            Report(OpenApiDiagnosticCodes.PathParameterNotInPath, DiagnosticSeverity.Warning, $"Path parameter '{parameter.Name}' is declared, but the path {path} has no {{{parameter.Name}}}; it is never sent.", parameter.Pointer,
                $"Put {{{parameter.Name}}} in the path, or correct the parameter's name or 'in'.");
        }
    }

    private void Body(JsonObject operation, string pointer)
    {
        if (operation["requestBody"] is JsonObject body && !body.ContainsKey("$ref"))
        {
            Content(body["content"], pointer + "/requestBody/content");
        }
    }

    private void Response(JsonNode? node, string pointer)
    {
        if (node is not JsonObject response || response.ContainsKey("$ref"))
        {
            return;
        }

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
                if (mediaObject.TryGetPropertyValue("schema", out var schema) && Real(schema) is not JsonObject)
                {
                    Report(OpenApiDiagnosticCodes.InvalidSchemaType, DiagnosticSeverity.Warning, $"The 'schema' of {mediaType} is {Shown(schema)}, not a schema; any value is sent.", JsonPointer.Append(pointer, mediaType) + "/schema",
                        "Describe the body with a schema object, e.g. schema: { type: object }.");
                }

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

        if (schema.ContainsKey("$ref") && !_v31)
        {
            // 3.0 and 2.0 ignore a reference's siblings.
            return;
        }

        SchemaType(schema, pointer);
        Kind(schema, "required", pointer, JsonValueKind.Array, "a list of property names");
        if (!_v31 && TextOf(schema["type"]) == "array" && !schema.ContainsKey("items"))
        {
            Report(OpenApiDiagnosticCodes.InvalidSchemaType, DiagnosticSeverity.Warning, $"An array schema without 'items' (OpenAPI {(_swagger2 ? "2.0" : "3.0")} requires them); its items are generated as text.", pointer + "/type",
                "Add items: { … } describing the elements.");
        }
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
            Report(OpenApiDiagnosticCodes.InvalidSchemaType, DiagnosticSeverity.Error, $"The schema's 'type' {problem}.", at,
                $"Use one of {known}{(_v31 ? ", 'null' (quoted in YAML), or a list of them" : "")}; leave 'type' out to allow any value.");
        }
        else if (type is JsonValue nullName && nullName.GetValue<string>() == "null" && !_v31)
        {
            Report(OpenApiDiagnosticCodes.InvalidSchemaType, DiagnosticSeverity.Warning, $"'type: \"null\"' is OpenAPI 3.1; in {(_swagger2 ? "2.0" : "3.0")} a null value is 'nullable: true' on the schema it belongs to.", at,
                "Use nullable: true (3.0), or declare the document as openapi: 3.1.0.");
        }
    }

    /// <summary>Maps whose keys are names the user chose (a property called "description" is no description field).</summary>
    private static readonly HashSet<string> NamedMaps =
    [
        "properties", "patternProperties", "definitions", "$defs", "schemas", "responses", "examples", "securitySchemes",
        "securityDefinitions", "headers", "content", "paths", "callbacks", "links", "variables", "mapping", "scopes",
        "requestBodies", "pathItems", "webhooks", "encoding", "dependentSchemas", "parameters",
    ];

    private static readonly HashSet<string> BooleanFields =
    [
        "nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems", "allowEmptyValue", "explode", "allowReserved",
    ];

    private static readonly HashSet<string> NumberFields =
    [
        "minimum", "maximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
    ];

    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "definitions", "$defs", "schemas", "dependentSchemas"];

    /// <summary>Values that are data, not OpenAPI objects.</summary>
    private static readonly HashSet<string> DataKeys = ["example", "default", "enum", "const", "value", "dataValue", "serializedValue"];

    /// <summary>
    /// Every OpenAPI object of the document: its text fields (summary, description, operationId…) must hold text and
    /// a <c>$ref</c> must be text. Named maps are entered without taking their keys for fields; data is skipped.
    /// </summary>
    private void Fields(JsonNode? node, string pointer, int depth)
    {
        if (depth > SourceDocumentParser.MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = JsonPointer.Append(pointer, key);
                    if (DataKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal) || (key == "examples" && value is JsonArray))
                    {
                        continue;
                    }

                    if ((TextFields.Contains(key) || key == "$ref") && TextOf(value) is null)
                    {
                        // A $ref that is not text stops the library; a description that is not text is read as text.
                        Report(OpenApiDiagnosticCodes.WrongKind, key == "$ref" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, key == "$ref"
                                ? $"This '$ref' is {Shown(value)}, not text, so it refers to nothing and is ignored."
                                : $"'{key}' should be text but is {Shown(value)}.", at,
                            key == "$ref" ? "Write the reference as text, e.g. $ref: '#/components/schemas/Pet'." : $"Write the {key} as text (quote it in YAML if it looks like a number or true/false).");
                        continue;
                    }

                    var kind = Real(value)?.GetValueKind() ?? JsonValueKind.Null;
                    var wrong = key switch
                    {
                        _ when BooleanFields.Contains(key) && kind is not (JsonValueKind.True or JsonValueKind.False) => "true or false",
                        "required" when kind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Array) => "true or false (in a schema: a list of property names)",
                        "exclusiveMinimum" or "exclusiveMaximum" when kind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number) => "true/false (3.0) or a number (3.1)",
                        _ when NumberFields.Contains(key) && kind != JsonValueKind.Number => "a number",
                        _ => null,
                    };
                    if (wrong is not null)
                    {
                        // The library cannot read these at all (it stops with a format error), so they are errors.
                        Report(OpenApiDiagnosticCodes.WrongKind, DiagnosticSeverity.Error, $"'{key}' should be {wrong} but is {Shown(value)}.", at,
                            $"Write '{key}' as {wrong} (in YAML without quotes).");
                        continue;
                    }

                    if (NamedMaps.Contains(key) && value is JsonObject map)
                    {
                        foreach (var (name, entry) in map)
                        {
                            // Entries that must be objects (a link's 'parameters' are runtime expressions; scopes and mappings are text).
                            var entryKind = Real(entry)?.GetValueKind() ?? JsonValueKind.Null;
                            var objects = key is not ("scopes" or "mapping" or "parameters") || pointer is "" or "/components";
                            if (objects && !name.StartsWith("x-", StringComparison.Ordinal) && entryKind != JsonValueKind.Object
                                && !(SchemaMaps.Contains(key) && entryKind is JsonValueKind.True or JsonValueKind.False))
                            {
                                // The library stops on these (a null reference deep inside it): say what it is instead.
                                Report(OpenApiDiagnosticCodes.WrongKind, DiagnosticSeverity.Error, $"'{name}' under '{key}' should be an object but is {Shown(entry)}.", JsonPointer.Append(at, name),
                                    $"Give '{name}' its fields, or remove it.");
                                continue;
                            }

                            Fields(entry, JsonPointer.Append(at, name), depth + 2);
                        }
                    }
                    else
                    {
                        Fields(value, at, depth + 1);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Fields(array[i], pointer + "/" + i, depth + 1);
                }

                break;
        }
    }

    /// <summary>Security requirements must name schemes the document defines.</summary>
    private void Security(JsonObject root)
    {
        var schemes = (_swagger2 ? root["securityDefinitions"] : (root["components"] as JsonObject)?["securitySchemes"]) as JsonObject;
        void Check(JsonNode? requirements, string pointer)
        {
            if (requirements is not JsonArray list)
            {
                return;
            }

            for (var i = 0; i < list.Count; i++)
            {
                foreach (var (name, _) in list[i] as JsonObject ?? [])
                {
                    if (schemes?.ContainsKey(name) != true)
                    {
                        Report(OpenApiDiagnosticCodes.UnknownSecurityScheme, DiagnosticSeverity.Warning, $"The security requirement names '{name}', a scheme the document does not define; requests do not send it.", JsonPointer.Append($"{pointer}/{i}", name),
                            $"Define '{name}' under {(_swagger2 ? "securityDefinitions" : "components.securitySchemes")}, or correct the name.");
                    }
                }
            }
        }

        Check(root["security"], "/security");
        foreach (var (path, item) in root["paths"] as JsonObject ?? [])
        {
            foreach (var (method, operation) in item as JsonObject ?? [])
            {
                if (Methods.Contains(method) && operation is JsonObject op)
                {
                    Check(op["security"], $"/paths/{JsonPointer.Escape(path)}/{method}/security");
                }
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
            Report(OpenApiDiagnosticCodes.WrongKind, DiagnosticSeverity.Warning, $"'{JsonPointer.Unescape(key)}' should be {expected} but is {Shown(value)}; it is ignored.", pointer,
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

    private void Report(string code, DiagnosticSeverity severity, string message, string pointer, string help)
    {
        ReportedErrors |= severity == DiagnosticSeverity.Error;
        _diagnostics.Add(new SourceDiagnostic(code, severity, message, _document.Locate(pointer)) { Help = help });
    }

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex PathTemplateParameter();
}
