using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Model;

/// <summary>
/// One API, whatever it was read from (OpenAPI, Express + TypeScript, ASP.NET Core): the operations with
/// their parameters, bodies, responses and security, and the named schemas they refer to.
/// </summary>
public sealed record ApiModel(string Title, IReadOnlyList<ApiOperation> Operations)
{
    public IReadOnlyList<string> Servers { get; init; } = [];

    /// <summary>Named schemas; <see cref="SchemaModel.RefName"/> points here (this is how recursion is represented).</summary>
    public IReadOnlyDictionary<string, SchemaModel> Schemas { get; init; } = new Dictionary<string, SchemaModel>();

    public IReadOnlyDictionary<string, SecurityScheme> SecuritySchemes { get; init; } = new Dictionary<string, SecurityScheme>();

    /// <summary>Security that applies when an operation declares none.</summary>
    public IReadOnlyList<SecurityRequirement> DefaultSecurity { get; init; } = [];
}

/// <summary>One HTTP operation. <see cref="PathTemplate"/> uses OpenAPI syntax: <c>/orders/{id}</c>.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, SourceLocation Location)
{
    public string? OperationId { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];
    public ApiRequestBody? RequestBody { get; init; }
    public IReadOnlyList<ApiResponse> Responses { get; init; } = [];

    /// <summary>Null: inherit <see cref="ApiModel.DefaultSecurity"/>; empty: explicitly anonymous.</summary>
    public IReadOnlyList<SecurityRequirement>? Security { get; init; }

    /// <summary>Method and path, e.g. <c>POST /api/orders</c>: the default k6 <c>tags.name</c>.</summary>
    public string DisplayName => $"{Method.ToUpperInvariant()} {PathTemplate}";
}

public enum ParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}

public sealed record ApiParameter(string Name, ParameterLocation In, SchemaModel Schema)
{
    public bool Required { get; init; }
    /// <summary>OpenAPI style (form, simple, label, matrix, spaceDelimited, pipeDelimited, deepObject).</summary>
    public string? Style { get; init; }
    public bool? Explode { get; init; }
    public JsonNode? Example { get; init; }
}

public sealed record ApiRequestBody(IReadOnlyList<MediaContent> Content)
{
    public bool Required { get; init; }
}

/// <summary>A body in one media type (application/json, application/x-www-form-urlencoded, multipart/form-data…).</summary>
public sealed record MediaContent(string ContentType, SchemaModel Schema)
{
    public JsonNode? Example { get; init; }
}

/// <summary>A documented response; <see cref="StatusCode"/> is "200", "2XX" or "default".</summary>
public sealed record ApiResponse(string StatusCode)
{
    public string? Description { get; init; }
    public IReadOnlyList<MediaContent> Content { get; init; } = [];

    /// <summary>Names of the documented response headers (e.g. <c>Location</c> of a 201).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>OpenAPI Link Objects: which later operation takes which value of this response.</summary>
    public IReadOnlyList<ApiLink> Links { get; init; } = [];
}

/// <summary>
/// An OpenAPI Link Object: the operation it points at (<see cref="OperationId"/>, or <see cref="OperationRef"/> as
/// written) and, per parameter name of that operation, the runtime expression of its value (<c>$response.body#/id</c>).
/// </summary>
public sealed record ApiLink(string? OperationId, string? OperationRef, IReadOnlyDictionary<string, string> Parameters);

public enum SecuritySchemeKind
{
    HttpBearer,
    HttpBasic,
    ApiKey,
    OAuth2Password,
    OAuth2ClientCredentials,
    OAuth2Other,
    OpenIdConnect,
    Other,
}

public sealed record SecurityScheme(string Key, SecuritySchemeKind Kind)
{
    /// <summary>For apiKey: header, query or cookie.</summary>
    public ParameterLocation? In { get; init; }
    /// <summary>For apiKey: the header/query/cookie name.</summary>
    public string? ParameterName { get; init; }
    public string? BearerFormat { get; init; }
    public string? TokenUrl { get; init; }
    /// <summary>The scheme's description: may show the value's fixed prefix (<c>Token xxxxx.yyyyy.zzzzz</c>).</summary>
    public string? Description { get; init; }
}

public sealed record SecurityRequirement(string SchemeKey, IReadOnlyList<string> Scopes);
