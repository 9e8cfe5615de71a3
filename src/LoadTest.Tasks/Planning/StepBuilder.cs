using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>Builds the request of one operation: path, required query and header parameters, body and check.</summary>
internal sealed class StepBuilder(ApiModel model, PayloadPlanner payloads, ICollection<SourceDiagnostic> diagnostics)
{
    private static readonly HashSet<string> ManagedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Content-Type", "Content-Length", "Host", "Cookie",
    };

    /// <summary>Headers the client sets itself unless the API documents the value it wants (a required Accept with a default).</summary>
    private static readonly HashSet<string> ClientHeaders = new(StringComparer.OrdinalIgnoreCase) { "Accept", "User-Agent" };

    public StepPlan Build(ApiOperation operation, string id, AuthPlan auth)
    {
        var method = operation.Method.ToUpperInvariant();
        return new StepPlan(id, method, operation.PathTemplate)
        {
            Label = Naming.StepLabel(method, operation.PathTemplate),
            OperationId = operation.OperationId,
            Path = BuildPath(operation),
            Query = [.. Parameters(operation, ParameterLocation.Query, auth)],
            Headers = [.. Parameters(operation, ParameterLocation.Header, auth)],
            Body = BuildBody(operation),
            Check = BuildCheck(operation, Naming.StepLabel(method, operation.PathTemplate)),
            Authenticated = auth.Kind != AuthKind.None && IsSecured(model, operation),
        };
    }

    public static bool IsSecured(ApiModel model, ApiOperation operation) =>
        (operation.Security ?? model.DefaultSecurity).Count > 0;

    private IReadOnlyList<PathPart> BuildPath(ApiOperation operation)
    {
        var parts = new List<PathPart>();
        var template = operation.PathTemplate;
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add(new PathPart(template[position..], null));
                break;
            }

            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                parts.Add(new PathPart(template[position..], null));
                break;
            }

            if (open > position)
            {
                parts.Add(new PathPart(template[position..open], null));
            }

            var name = template[(open + 1)..close];
            var parameter = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name);
            var schema = WithExample(parameter?.Schema ?? SchemaModel.Of("string"), parameter?.Example);
            parts.Add(new PathPart(null, payloads.Plan(schema, HintName(name, template[..open]), operation.Location)) { Parameter = name });
            position = close + 1;
        }

        return parts;
    }

    /// <summary><c>{id}</c> after <c>/orders</c> reads as <c>orderId</c>: that name picks the realistic id rule.</summary>
    internal static string HintName(string parameter, string pathBefore)
    {
        if (!parameter.Equals("id", StringComparison.OrdinalIgnoreCase))
        {
            return parameter;
        }

        var resource = Naming.MeaningfulSegments(pathBefore).LastOrDefault();
        return resource is null ? parameter : Singular(resource) + "Id";
    }

    internal static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.OrdinalIgnoreCase) ? word[..^3] + "y"
        : word.EndsWith("ses", StringComparison.OrdinalIgnoreCase) ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;

    private static SchemaModel WithExample(SchemaModel schema, JsonNode? example) =>
        example is null ? schema : schema with { Examples = [.. schema.Examples, example] };

    private IEnumerable<NamedValue> Parameters(ApiOperation operation, ParameterLocation location, AuthPlan auth)
    {
        // Required parameters always; optional query parameters the API documents a value for (example, default,
        // enum) half of the time, as real clients page and filter sometimes; optional ids only when a flow feeds them.
        foreach (var parameter in operation.Parameters
            .Where(p => p.In == location && (p.Required || (location == ParameterLocation.Query && (HasDocumentedValue(p) || NameHints.IsId(p.Name, out _)))))
            .OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (auth.Kind == AuthKind.ApiKey && parameter.Name.Equals(auth.ApiKeyName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (location == ParameterLocation.Header
                && (ManagedHeaders.Contains(parameter.Name) || ClientHeaders.Contains(parameter.Name) && !HasDocumentedValue(parameter)))
            {
                continue;
            }

            yield return new NamedValue(parameter.Name, ParameterValue(operation, parameter))
            {
                // As in bodies: an optional reference to another resource (?cartId=) is only sent when a flow binds a
                // captured one; a made-up id turns a valid request into a 400 or 404.
                Probability = parameter.Required ? 1 : NameHints.IsId(parameter.Name, out _) ? 0 : 0.5,
            };
        }
    }

    /// <summary>
    /// A header's default (Accept: application/json, X-Api-Version: 2.0) and an api-version query's default are the
    /// values clients send; anything else made up for them is likely refused.
    /// </summary>
    private ValueRule ParameterValue(ApiOperation operation, ApiParameter parameter)
    {
        var schema = payloads.Resolve(parameter.Schema, ImmutableStack.Empty);
        if (parameter.Required && schema.Default is { } fixedValue && schema.Enum.Count == 0
            && (parameter.In == ParameterLocation.Header || parameter.Name.Equals("api-version", StringComparison.OrdinalIgnoreCase)))
        {
            return new ConstRule(fixedValue.DeepClone());
        }

        return payloads.Plan(WithExample(parameter.Schema, parameter.Example), parameter.Name, operation.Location);
    }

    private bool HasDocumentedValue(ApiParameter parameter)
    {
        var schema = payloads.Resolve(parameter.Schema, ImmutableStack.Empty);
        return parameter.Example is not null || schema.Default is not null || schema.Examples.Count > 0 || schema.Enum.Count > 0;
    }

    private BodyPlan? BuildBody(ApiOperation operation)
    {
        if (operation.RequestBody is not { Content.Count: > 0 } body)
        {
            return null;
        }

        var content = body.Content.FirstOrDefault(c => c.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            ?? body.Content.FirstOrDefault(c => c.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
        if (content is null)
        {
            diagnostics.Add(SourceDiagnostic.Warning(
                "LT2004",
                $"{operation.DisplayName}: request bodies of type {string.Join(", ", body.Content.Select(c => c.ContentType))} are not generated; the step is sent without a body.",
                operation.Location,
                "Add an application/json body to the operation, or add the body in the OnBeforeRequest hook of the generated scenario."));
            return null;
        }

        var contentType = content.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/x-www-form-urlencoded";
        return new BodyPlan(contentType, payloads.Plan(content.Schema, null, operation.Location));
    }

    private static CheckPlan BuildCheck(ApiOperation operation, string label)
    {
        var statuses = operation.Responses
            .Select(r => int.TryParse(r.StatusCode, out var code) ? code : 0)
            .Where(code => code is >= 200 and < 300)
            .Distinct()
            .Order()
            .ToList();
        var name = statuses.Count == 1 ? $"{label} {statuses[0]}" : $"{label} 2xx";
        return new CheckPlan(name, statuses);
    }

    /// <summary>The JSON schema of the first documented 2xx response, resolved.</summary>
    public static SchemaModel? ResponseSchema(ApiOperation operation, PayloadPlanner payloads)
    {
        var response = operation.Responses
            .Where(r => r.StatusCode.StartsWith('2'))
            .OrderBy(r => r.StatusCode, StringComparer.Ordinal)
            .SelectMany(r => r.Content)
            .FirstOrDefault(c => c.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase));
        return response is null ? null : payloads.Resolve(response.Schema, ImmutableStack.Empty);
    }

    /// <summary>
    /// Dotted paths of the response's properties: top level, then one level into object members (<c>data.id</c>).
    /// </summary>
    public static IEnumerable<(string Name, string Path, SchemaModel Schema)> ResponseProperties(SchemaModel? schema, PayloadPlanner payloads)
    {
        if (schema is null)
        {
            yield break;
        }

        foreach (var (name, property) in schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return (name, name, payloads.Resolve(property, ImmutableStack.Empty));
        }

        foreach (var (name, property) in schema.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var inner = payloads.Resolve(property, ImmutableStack.Empty);
            foreach (var (innerName, innerProperty) in inner.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                yield return (innerName, name + "." + innerName, payloads.Resolve(innerProperty, ImmutableStack.Empty));
            }
        }
    }
}
