using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Model;
using Microsoft.OpenApi;
using ModelParameterLocation = LoadTest.Tasks.Model.ParameterLocation;
using OpenApiParameterLocation = Microsoft.OpenApi.ParameterLocation;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>Maps a parsed <see cref="OpenApiDocument"/> to the <see cref="ApiModel"/>, locating each operation in its file.</summary>
internal static partial class OpenApiModelMapper
{
    public static ApiModel Map(OpenApiDocument document, SourceDocument source)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, declaredPathItem) in document.Paths ?? [])
        {
            var pathItem = declaredPathItem?.Resolve();
            if (pathItem?.Operations is null)
            {
                continue;
            }

            foreach (var (method, operation) in pathItem.Operations)
            {
                var methodName = method.Method.ToLowerInvariant();
                var pointer = "/paths/" + JsonPointer.Escape(path) + "/" + methodName;
                operations.Add(MapOperation(methodName.ToUpperInvariant(), path, pathItem, operation, source.Locate(pointer)));
            }
        }

        return new ApiModel(document.Info?.Title ?? Path.GetFileNameWithoutExtension(source.Path), operations)
        {
            Servers = (document.Servers ?? []).Select(ServerUrl).Where(url => url.Length > 0).ToList(),
            Schemas = (document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
                .ToDictionary(s => s.Key, s => SchemaMapper.MapComponent(s.Value), StringComparer.Ordinal),
            SecuritySchemes = (document.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>())
                .ToDictionary(s => s.Key, s => MapSecurityScheme(s.Key, s.Value.Resolve()), StringComparer.Ordinal),
            DefaultSecurity = MapSecurity(document.Security) ?? [],
        };
    }

    private static ApiOperation MapOperation(string method, string path, IOpenApiPathItem pathItem, OpenApiOperation operation, SourceLocation location) =>
        new(method, path, location)
        {
            OperationId = operation.OperationId,
            Summary = operation.Summary ?? FirstLine(operation.Description),
            Tags = operation.Tags?.Select(t => t.Name ?? t.Reference.Id ?? "").Where(t => t.Length > 0).ToList() ?? [],
            Parameters = MergeParameters(pathItem.Parameters, operation.Parameters),
            RequestBody = operation.RequestBody?.Resolve() is { Content: not null } body
                ? new ApiRequestBody(MapContent(body.Content)) { Required = body.Required }
                : null,
            Responses = (operation.Responses ?? [])
                .Select(r => (r.Key, Response: r.Value?.Resolve()))
                .Select(r => new ApiResponse(r.Key)
                {
                    Description = r.Response?.Description,
                    Content = r.Response?.Content is null ? [] : MapContent(r.Response.Content),
                    Headers = r.Response?.Headers?.Keys.ToList() ?? [],
                    Links = r.Response?.Links is null ? [] : MapLinks(r.Response.Links),
                })
                .ToList(),
            Security = MapSecurity(operation.Security),
        };

    /// <summary>Path-level parameters apply to every operation unless the operation redefines the same name and location.</summary>
    private static List<ApiParameter> MergeParameters(IList<IOpenApiParameter>? pathLevel, IList<IOpenApiParameter>? operationLevel)
    {
        var merged = new List<ApiParameter>();
        foreach (var parameter in (operationLevel ?? []).Select(MapParameter).OfType<ApiParameter>())
        {
            merged.Add(parameter);
        }

        foreach (var parameter in (pathLevel ?? []).Select(MapParameter).OfType<ApiParameter>())
        {
            if (!merged.Any(p => p.In == parameter.In && string.Equals(p.Name, parameter.Name, StringComparison.Ordinal)))
            {
                merged.Add(parameter);
            }
        }

        return merged;
    }

    private static ApiParameter? MapParameter(IOpenApiParameter declared)
    {
        var parameter = declared.Resolve();
        if (string.IsNullOrEmpty(parameter.Name) || parameter.In is not { } location || MapLocation(location) is not { } modelLocation)
        {
            return null;
        }

        var contentSchema = parameter.Content?.Values.FirstOrDefault()?.Resolve().Schema;
        return new ApiParameter(parameter.Name, modelLocation, SchemaMapper.Map(parameter.Schema ?? contentSchema))
        {
            Required = parameter.Required || modelLocation == ModelParameterLocation.Path,
            Style = parameter.Style is { } style ? StyleName(style) : null,
            Explode = parameter.Style is null ? null : parameter.Explode,
            Example = parameter.Example?.DeepClone() ?? FirstExample(parameter.Examples),
        };
    }

    private static ModelParameterLocation? MapLocation(OpenApiParameterLocation location) => location switch
    {
        OpenApiParameterLocation.Path => ModelParameterLocation.Path,
        OpenApiParameterLocation.Query => ModelParameterLocation.Query,
        OpenApiParameterLocation.Header => ModelParameterLocation.Header,
        OpenApiParameterLocation.Cookie => ModelParameterLocation.Cookie,
        _ => null,
    };

    /// <summary>OpenAPI spells styles in camelCase (deepObject, spaceDelimited).</summary>
    private static string StyleName(ParameterStyle style)
    {
        var name = style.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static List<MediaContent> MapContent(IDictionary<string, IOpenApiMediaType> content) =>
        content
            .Where(c => c.Value is not null)
            .Select(c => (c.Key, Media: c.Value.Resolve()))
            .Select(c => new MediaContent(c.Key, SchemaMapper.Map(c.Media.Schema))
            {
                Example = c.Media.Example?.DeepClone() ?? FirstExample(c.Media.Examples),
            })
            .ToList();

    private static JsonNode? FirstExample(IDictionary<string, IOpenApiExample>? examples) =>
        examples?.Values.Select(e => e?.Resolve()).Select(e => e?.Value ?? e?.DataValue).FirstOrDefault(v => v is not null)?.DeepClone();

    private static List<SecurityRequirement>? MapSecurity(IList<OpenApiSecurityRequirement>? requirements) =>
        requirements?
            .SelectMany(requirement => requirement.Select(entry => new SecurityRequirement(
                entry.Key.Reference.Id ?? "",
                entry.Value?.ToList() ?? [])))
            .Where(r => r.SchemeKey.Length > 0)
            .ToList();

    private static List<ApiLink> MapLinks(IDictionary<string, IOpenApiLink> links) =>
        // A link reference forwards its members to the target it resolves to.
        links.Values
            .OfType<IOpenApiLink>()
            .Select(l => new ApiLink(l.OperationId, l.OperationRef, (l.Parameters ?? new Dictionary<string, RuntimeExpressionAnyWrapper>())
                .Where(p => p.Value?.Expression is not null)
                .ToDictionary(p => p.Key, p => p.Value.Expression!.Expression, StringComparer.Ordinal)))
            .ToList();

    private static SecurityScheme MapSecurityScheme(string key, IOpenApiSecurityScheme scheme) =>
        MapSecuritySchemeKind(key, scheme) with { Description = scheme.Description };

    private static SecurityScheme MapSecuritySchemeKind(string key, IOpenApiSecurityScheme scheme)
    {
        switch (scheme.Type)
        {
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "bearer", StringComparison.OrdinalIgnoreCase):
                return new SecurityScheme(key, SecuritySchemeKind.HttpBearer) { BearerFormat = scheme.BearerFormat };
            case SecuritySchemeType.Http when string.Equals(scheme.Scheme, "basic", StringComparison.OrdinalIgnoreCase):
                return new SecurityScheme(key, SecuritySchemeKind.HttpBasic);
            case SecuritySchemeType.ApiKey:
                return new SecurityScheme(key, SecuritySchemeKind.ApiKey)
                {
                    In = scheme.In is { } location ? MapLocation(location) : null,
                    ParameterName = scheme.Name,
                };
            case SecuritySchemeType.OAuth2:
                // A load test signs in without a browser: client credentials first, then the password flow.
                var flows = scheme.Flows;
                if (flows?.ClientCredentials is { } clientCredentials)
                {
                    return new SecurityScheme(key, SecuritySchemeKind.OAuth2ClientCredentials) { TokenUrl = clientCredentials.TokenUrl?.ToString() };
                }

                if (flows?.Password is { } password)
                {
                    return new SecurityScheme(key, SecuritySchemeKind.OAuth2Password) { TokenUrl = password.TokenUrl?.ToString() };
                }

                return new SecurityScheme(key, SecuritySchemeKind.OAuth2Other)
                {
                    TokenUrl = (flows?.AuthorizationCode?.TokenUrl ?? flows?.Implicit?.AuthorizationUrl)?.ToString(),
                };
            case SecuritySchemeType.OpenIdConnect:
                return new SecurityScheme(key, SecuritySchemeKind.OpenIdConnect);
            default:
                return new SecurityScheme(key, SecuritySchemeKind.Other);
        }
    }

    /// <summary>Server URLs with their variables set to the declared defaults ("{scheme}://host" → "https://host").</summary>
    private static string ServerUrl(OpenApiServer server)
    {
        var url = server.Url ?? "";
        if (server.Variables is null)
        {
            return url;
        }

        return ServerVariable().Replace(url, match =>
            server.Variables.TryGetValue(match.Groups[1].Value, out var variable) && variable?.Default is { } value ? value : match.Value);
    }

    private static string? FirstLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Split('\n')[0].Trim();

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex ServerVariable();
}
