using Microsoft.OpenApi;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Every member read through one of the library's reference objects resolves the reference again; resolving once
/// and reading the target keeps mapping a large document linear.
/// </summary>
internal static class ResolvedReferences
{
    public static IOpenApiParameter Resolve(this IOpenApiParameter item) => item is OpenApiParameterReference r ? r.Target ?? item : item;

    public static IOpenApiResponse Resolve(this IOpenApiResponse item) => item is OpenApiResponseReference r ? r.Target ?? item : item;

    public static IOpenApiRequestBody Resolve(this IOpenApiRequestBody item) => item is OpenApiRequestBodyReference r ? r.Target ?? item : item;

    public static IOpenApiMediaType Resolve(this IOpenApiMediaType item) => item is OpenApiMediaTypeReference r ? r.Target ?? item : item;

    public static IOpenApiExample Resolve(this IOpenApiExample item) => item is OpenApiExampleReference r ? r.Target ?? item : item;

    public static IOpenApiPathItem Resolve(this IOpenApiPathItem item) => item is OpenApiPathItemReference r ? r.Target ?? item : item;

    public static IOpenApiSecurityScheme Resolve(this IOpenApiSecurityScheme item) => item is OpenApiSecuritySchemeReference r ? r.Target ?? item : item;

    /// <summary>The schema whose keywords to read: the target of a reference, or the schema itself.</summary>
    public static IOpenApiSchema Resolve(this IOpenApiSchema item) => item is OpenApiSchemaReference r ? r.Target ?? item : item;
}
