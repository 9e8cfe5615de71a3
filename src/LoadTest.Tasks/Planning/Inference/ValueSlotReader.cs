using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>
/// Reads what an operation consumes (path parameters; id-like, identifier and credential query/header parameters and
/// body members) and what it produces (the same kinds of names in its response, a documented <c>Location</c> header,
/// and what a create sends). Pure: the schema resolver is passed in.
/// </summary>
internal static class ValueSlotReader
{
    /// <summary>Objects are followed this deep (<c>article.slug</c>, <c>user.email</c>): deeper values are someone else's.</summary>
    private const int MaxDepth = 1;

    private static readonly HashSet<string> UserResources = new(StringComparer.Ordinal) { "user", "profile", "account", "member", "customer" };

    public static IReadOnlyList<ValueInput> Inputs(ApiOperation operation, Func<SchemaModel, SchemaModel> resolve)
    {
        var inputs = new List<ValueInput>();
        var resource = ResourceNames.OfPath(operation.PathTemplate);
        foreach (var name in PathParameters(operation.PathTemplate))
        {
            var parameter = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name);
            var refers = ResourceNames.IsId(name, out var named) && named.Length > 0 ? named : ResourceNames.BeforeParameter(operation.PathTemplate, name);
            inputs.Add(new ValueInput(operation, InputPlace.Path, name, name, resolve(parameter?.Schema ?? SchemaModel.Of("string")), true, refers));
        }

        foreach (var parameter in operation.Parameters.Where(p => p.In is ParameterLocation.Query or ParameterLocation.Header))
        {
            if (!ResourceNames.IsIdentifier(parameter.Name) && !ResourceNames.IsCredential(parameter.Name))
            {
                continue;
            }

            var refers = ResourceNames.IsId(parameter.Name, out var named) && named.Length > 0 ? named : resource;
            var place = parameter.In == ParameterLocation.Query ? InputPlace.Query : InputPlace.Header;
            inputs.Add(new ValueInput(operation, place, parameter.Name, parameter.Name, resolve(parameter.Schema), parameter.Required, refers));
        }

        if (JsonBody(operation) is { } body)
        {
            var schema = resolve(body);
            var bodyResource = ResourceNames.OfSchemaName(body.RefName) is { Length: > 0 } named ? named : resource;
            foreach (var (name, path, member, required, owner) in Members(schema, resolve, bodyResource, requestDirection: true))
            {
                // The id in a create's body is the new resource's own (POST /pets {id}): nothing else produces it.
                var ownNewId = operation.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && NameHints.Normalize(name) == "id" && owner == bodyResource && !path.Contains('.', StringComparison.Ordinal);
                if ((ResourceNames.IsIdentifier(name) || ResourceNames.IsCredential(name)) && !ownNewId)
                {
                    var refers = ResourceNames.IsId(name, out var idOf) && idOf.Length > 0 ? idOf : owner;
                    inputs.Add(new ValueInput(operation, InputPlace.Body, name, path, member, required, refers));
                }
            }
        }

        return inputs;
    }

    public static IReadOnlyList<ValueOutput> Outputs(ApiOperation operation, Func<SchemaModel, SchemaModel> resolve)
    {
        var outputs = new List<ValueOutput>();
        if (operation.Method.Equals("DELETE", StringComparison.OrdinalIgnoreCase))
        {
            return outputs;
        }

        var resource = ResourceNames.OfPath(operation.PathTemplate);
        if (ResponseSchema(operation) is { } declared)
        {
            // A list answers with many: a flow takes one of them at random ([*]), as a user picks one of the results.
            var response = resolve(declared);
            var (schema, prefix, named) = response is { Type: "array", Items: { } items }
                ? (resolve(items), "[*]", ResourceNames.OfSchemaName(items.RefName))
                : (response, "", ResourceNames.OfSchemaName(declared.RefName));
            var top = named.Length > 0 ? named : resource;
            foreach (var (name, path, member, _, owner) in Members(schema, resolve, top, requestDirection: false, prefix: prefix))
            {
                if (ResourceNames.IsIdentifier(name) || ResourceNames.IsCredential(name) || ResourceNames.IsToken(name))
                {
                    outputs.Add(new ValueOutput(operation, OutputPlace.Response, name, path, member, owner, Identifies(name, owner)));
                }
            }
        }

        if (operation.Responses.Any(r => r.StatusCode.StartsWith('2') && r.Headers.Contains("Location", StringComparer.OrdinalIgnoreCase)))
        {
            outputs.Add(new ValueOutput(operation, OutputPlace.Location, "id", "Location", SchemaModel.Of("string"), resource, true));
        }

        // What a create sends is known after it was sent: POST /users {username} → GET /users/{username}.
        if (operation.Method.Equals("POST", StringComparison.OrdinalIgnoreCase) && JsonBody(operation) is { } body)
        {
            var bodyResource = ResourceNames.OfSchemaName(body.RefName) is { Length: > 0 } named ? named : resource;
            foreach (var (name, path, member, _, owner) in Members(resolve(body), resolve, bodyResource, requestDirection: true))
            {
                if (ResourceNames.IsIdentifier(name) || ResourceNames.IsCredential(name))
                {
                    outputs.Add(new ValueOutput(operation, OutputPlace.Request, name, path, member, owner, Identifies(name, owner)));
                }
            }
        }

        return outputs;
    }

    /// <summary>The value names the resource it sits in: its id, <c>{resource}Id</c>, a slug or key, a user's user name.</summary>
    public static bool Identifies(string name, string resource)
    {
        if (ResourceNames.IsId(name, out var named))
        {
            return named.Length == 0 || named == resource;
        }

        var key = NameHints.Normalize(name);
        return key is "slug" or "uuid" or "guid" or "key" or "handle" or "code" or "number"
            || (ResourceNames.IsLoginName(name) && UserResources.Contains(resource));
    }

    /// <summary>Path parameter names in template order.</summary>
    public static IEnumerable<string> PathParameters(string template)
    {
        var position = 0;
        while (template.IndexOf('{', position) is var open && open >= 0 && template.IndexOf('}', open) is var close && close > open)
        {
            yield return template[(open + 1)..close];
            position = close + 1;
        }
    }

    /// <summary>The JSON request body's schema (unresolved, so its schema name is kept), or null.</summary>
    public static SchemaModel? JsonBody(ApiOperation operation) =>
        operation.RequestBody?.Content.FirstOrDefault(c => c.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))?.Schema
        ?? operation.RequestBody?.Content.FirstOrDefault(c => c.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))?.Schema;

    /// <summary>The schema of the first documented 2xx JSON response (unresolved), or null.</summary>
    public static SchemaModel? ResponseSchema(ApiOperation operation) =>
        operation.Responses
            .Where(r => r.StatusCode.StartsWith('2'))
            .OrderBy(r => r.StatusCode, StringComparer.Ordinal)
            .SelectMany(r => r.Content)
            .FirstOrDefault(c => c.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))?.Schema;

    /// <summary>
    /// Leaf members of an object, following nested objects <see cref="MaxDepth"/> levels: name, dotted path, schema,
    /// whether it and every object around it are required, and the resource the object stands for. In the request
    /// direction readOnly members are left out (they are never sent).
    /// </summary>
    private static IEnumerable<(string Name, string Path, SchemaModel Schema, bool Required, string Resource)> Members(
        SchemaModel schema, Func<SchemaModel, SchemaModel> resolve, string resource, bool requestDirection, bool required = true, string prefix = "", int depth = 0)
    {
        foreach (var (key, declared) in schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var member = resolve(declared);
            if (requestDirection && (member.ReadOnly || declared.ReadOnly))
            {
                continue;
            }

            var path = prefix.Length == 0 ? key : prefix + "." + key;
            var memberRequired = required && schema.Required.Contains(key, StringComparer.Ordinal);
            if (!requestDirection && depth < MaxDepth && member is { Type: "array", Items: { } items } && resolve(items) is { Properties.Count: > 0 } item)
            {
                var listed = ResourceNames.OfSchemaName(items.RefName) is { Length: > 0 } named ? named
                    : ResourceNames.OfWrapper(key) is { Length: > 0 } wrapper ? wrapper
                    : resource;
                foreach (var nested in Members(item, resolve, listed, requestDirection, false, path + "[*]", depth + 1))
                {
                    yield return nested;
                }

                continue;
            }

            if (member.Properties.Count > 0 && member.Type is null or "object")
            {
                if (depth < MaxDepth)
                {
                    var inner = ResourceNames.OfWrapper(key) is { Length: > 0 } wrapper ? wrapper : resource;
                    foreach (var nested in Members(member, resolve, inner, requestDirection, memberRequired, path, depth + 1))
                    {
                        yield return nested;
                    }
                }

                continue;
            }

            yield return (key, path, member, memberRequired, resource);
        }
    }
}
