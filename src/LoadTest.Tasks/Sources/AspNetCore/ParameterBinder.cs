using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

internal sealed record BoundRequest(IReadOnlyList<ApiParameter> Parameters, ApiRequestBody? Body);

/// <summary>
/// Where each handler/action parameter comes from, following ASP.NET Core's rules: explicit [FromBody]/[FromQuery]/
/// [FromRoute]/[FromHeader]/[FromForm]/[AsParameters]; otherwise a simple type is a route value when the template
/// names it, else a query value, and a complex type is the JSON body on POST/PUT/PATCH. Framework and service types
/// (HttpContext, CancellationToken, interfaces, *Service, *Repository, DbContexts…) are not part of the request.
/// </summary>
internal sealed class ParameterBinder(CSharpProject project, DtoSchemaBuilder schemas, List<SourceDiagnostic> diagnostics)
{
    private static readonly HashSet<string> SimpleNames =
    [
        "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "TimeSpan", "Uri", "String", "Int32", "Int64", "Int16", "Byte", "Boolean",
        "Decimal", "Double", "Single", "Char", "UInt32", "UInt64", "StringValues",
    ];

    private static readonly HashSet<string> FrameworkTypes =
    [
        "HttpContext", "HttpRequest", "HttpResponse", "CancellationToken", "ClaimsPrincipal", "Stream", "PipeReader", "IServiceProvider",
        "ILogger", "ILoggerFactory", "IConfiguration", "IFormCollection", "LinkGenerator", "IHostEnvironment", "IWebHostEnvironment",
    ];

    private static readonly string[] ServiceSuffixes =
    [
        "Service", "Repository", "Repo", "Context", "Store", "Client", "Factory", "Handler", "Mediator", "Sender", "Logger", "Options",
        "Cache", "Provider", "Manager", "Validator", "Publisher", "Bus", "Db", "UnitOfWork", "Clock",
    ];

    private IReadOnlySet<string> _routeNames = new HashSet<string>();

    private sealed class Accumulator
    {
        public List<ApiParameter> Parameters { get; } = [];
        public SchemaModel? Body { get; set; }
        public bool BodyRequired { get; set; }
        public Dictionary<string, SchemaModel> FormFields { get; } = new(StringComparer.Ordinal);
        public List<string> FormRequired { get; } = [];
        public bool FormHasFile { get; set; }
    }

    /// <param name="routeNames">Route parameters of every variant of the template: an optional one absent from this variant is not a query value.</param>
    public BoundRequest Bind(IReadOnlyList<ParameterSyntax> parameters, string method, RouteVariant variant, IReadOnlySet<string> routeNames)
    {
        _routeNames = routeNames;
        var acc = new Accumulator();
        foreach (var routeParameter in variant.Parameters)
        {
            acc.Parameters.Add(new ApiParameter(routeParameter.Name, ParameterLocation.Path, routeParameter.Schema) { Required = true });
        }

        foreach (var parameter in parameters)
        {
            BindOne(parameter.Identifier.ValueText, parameter.Type, parameter.AttributeLists, parameter.Default is not null, method, variant, acc, parameter, 0);
        }

        ApiRequestBody? body = null;
        if (acc.Body is not null)
        {
            body = new ApiRequestBody([new MediaContent("application/json", acc.Body)]) { Required = acc.BodyRequired };
        }
        else if (acc.FormFields.Count > 0)
        {
            var form = new SchemaModel { Type = "object", Properties = acc.FormFields, Required = acc.FormRequired };
            body = new ApiRequestBody([new MediaContent(acc.FormHasFile ? "multipart/form-data" : "application/x-www-form-urlencoded", form)]) { Required = true };
        }

        return new BoundRequest(acc.Parameters, body);
    }

    private void BindOne(string clrName, TypeSyntax? type, SyntaxList<AttributeListSyntax> attributes, bool hasDefault, string method, RouteVariant variant,
        Accumulator acc, SyntaxNode at, int depth)
    {
        var typeName = SimpleTypeName(type);
        var nullable = type is NullableTypeSyntax;
        var explicitName = ExplicitName(attributes);
        var name = explicitName ?? clrName;
        if (DtoSchemaBuilder.HasAttribute(attributes, "FromServices") || DtoSchemaBuilder.HasAttribute(attributes, "FromKeyedServices"))
        {
            return;
        }

        if (DtoSchemaBuilder.HasAttribute(attributes, "AsParameters"))
        {
            if (depth == 0 && typeName is not null && project.TypesNamed(typeName).OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } declaration)
            {
                foreach (var (memberName, memberType, memberAttributes, memberDefault) in Members(declaration))
                {
                    BindOne(memberName, memberType, memberAttributes, memberDefault, method, variant, acc, at, depth + 1);
                }
            }

            return;
        }

        if (typeName is "IFormFile" or "IFormFileCollection")
        {
            acc.FormFields[name] = schemas.FromType(type);
            acc.FormHasFile = true;
            if (!nullable)
            {
                acc.FormRequired.Add(name);
            }

            return;
        }

        if (typeName is null || FrameworkTypes.Contains(typeName) || typeName.StartsWith("ILogger", StringComparison.Ordinal) || typeName.StartsWith("IOptions", StringComparison.Ordinal))
        {
            return;
        }

        if (IsService(typeName) && !DtoSchemaBuilder.HasAttribute(attributes, "FromBody") && !DtoSchemaBuilder.HasAttribute(attributes, "FromQuery"))
        {
            return;
        }

        var schema = schemas.ApplyAnnotations(schemas.FromType(type), attributes);
        var required = !nullable && !hasDefault;
        if (DtoSchemaBuilder.HasAttribute(attributes, "FromBody"))
        {
            acc.Body ??= schema;
            acc.BodyRequired = !nullable;
            return;
        }

        if (DtoSchemaBuilder.HasAttribute(attributes, "FromForm"))
        {
            if (IsSimple(type))
            {
                acc.FormFields[project.JsonName(name)] = schema;
                if (required)
                {
                    acc.FormRequired.Add(project.JsonName(name));
                }
            }
            else
            {
                var resolved = schemas.Resolve(schema);
                foreach (var (field, fieldSchema) in resolved.Properties)
                {
                    acc.FormFields[field] = fieldSchema;
                }

                acc.FormRequired.AddRange(resolved.Required);
            }

            return;
        }

        var routeIndex = acc.Parameters.FindIndex(p => p.In == ParameterLocation.Path && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (DtoSchemaBuilder.HasAttribute(attributes, "FromRoute") || routeIndex >= 0 && !DtoSchemaBuilder.HasAttribute(attributes, "FromQuery") && !DtoSchemaBuilder.HasAttribute(attributes, "FromHeader"))
        {
            if (routeIndex < 0)
            {
                return;
            }

            var existing = acc.Parameters[routeIndex];
            // A typed handler parameter tells more than an unconstrained {id}.
            if (existing.Schema.Type == "string" && existing.Schema.Format is null && existing.Schema.Pattern is null && schema.Type is not null)
            {
                acc.Parameters[routeIndex] = existing with { Schema = schema with { Nullable = false } };
            }

            return;
        }

        if (routeIndex < 0 && _routeNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        if (DtoSchemaBuilder.HasAttribute(attributes, "FromHeader"))
        {
            acc.Parameters.Add(new ApiParameter(name, ParameterLocation.Header, schema) { Required = required });
            return;
        }

        if (DtoSchemaBuilder.HasAttribute(attributes, "FromQuery") || IsSimple(type))
        {
            if (!IsSimple(type) && schemas.Resolve(schema) is { Type: "object" } complexQuery)
            {
                // [FromQuery] on a complex type: each member is a query value.
                foreach (var (field, fieldSchema) in complexQuery.Properties)
                {
                    acc.Parameters.Add(new ApiParameter(field, ParameterLocation.Query, fieldSchema) { Required = complexQuery.Required.Contains(field) });
                }

                return;
            }

            acc.Parameters.Add(new ApiParameter(name, ParameterLocation.Query, schema) { Required = required });
            return;
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            acc.Body ??= schema;
            acc.BodyRequired = !nullable;
            return;
        }

        if (project.TypesNamed(typeName).Any(t => t is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax))
        {
            var location = at.GetLocation().GetLineSpan();
            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.ComplexParameterOnGet,
                $"Parameter '{clrName}' of type {typeName} on a {method} endpoint is not bound from the request implicitly; it is left out.",
                new SourceLocation(location.Path, location.StartLinePosition.Line + 1, location.StartLinePosition.Character + 1),
                "Mark it [AsParameters] or [FromQuery] to bind its members from the query string, or [FromBody] to send it as the body."));
        }
    }

    private static string? ExplicitName(SyntaxList<AttributeListSyntax> attributes)
    {
        foreach (var attribute in attributes.SelectMany(l => l.Attributes))
        {
            if (DtoSchemaBuilder.ShortName(attribute) is "FromQuery" or "FromRoute" or "FromHeader" or "FromForm"
                && attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Name")?.Expression is LiteralExpressionSyntax literal)
            {
                return literal.Token.ValueText;
            }
        }

        return null;
    }

    private static IEnumerable<(string Name, TypeSyntax? Type, SyntaxList<AttributeListSyntax> Attributes, bool HasDefault)> Members(TypeDeclarationSyntax declaration)
    {
        if (declaration.ParameterList is { } primary)
        {
            foreach (var parameter in primary.Parameters)
            {
                yield return (parameter.Identifier.ValueText, parameter.Type, parameter.AttributeLists, parameter.Default is not null);
            }
        }

        foreach (var property in declaration.Members.OfType<PropertyDeclarationSyntax>().Where(p => p.Modifiers.Any(SyntaxKind.PublicKeyword)))
        {
            yield return (property.Identifier.ValueText, property.Type, property.AttributeLists, property.Initializer is not null);
        }
    }

    public static string? SimpleTypeName(TypeSyntax? type) => type switch
    {
        NullableTypeSyntax n => SimpleTypeName(n.ElementType),
        PredefinedTypeSyntax p => p.Keyword.ValueText,
        IdentifierNameSyntax i => i.Identifier.ValueText,
        GenericNameSyntax g => g.Identifier.ValueText,
        QualifiedNameSyntax q => SimpleTypeName(q.Right),
        ArrayTypeSyntax a => SimpleTypeName(a.ElementType) + "[]",
        _ => null,
    };

    private bool IsSimple(TypeSyntax? type) => type switch
    {
        NullableTypeSyntax n => IsSimple(n.ElementType),
        PredefinedTypeSyntax p => p.Keyword.ValueText is not ("object" or "dynamic"),
        ArrayTypeSyntax a => IsSimple(a.ElementType),
        GenericNameSyntax { Identifier.ValueText: "Nullable" } g => g.TypeArgumentList.Arguments.Count == 1 && IsSimple(g.TypeArgumentList.Arguments[0]),
        _ => SimpleTypeName(type) is { } name && (SimpleNames.Contains(name) || schemas.IsEnum(name)),
    };

    private bool IsService(string typeName)
    {
        if (typeName.Length > 1 && typeName[0] == 'I' && char.IsUpper(typeName[1]))
        {
            return true;
        }

        if (project.TypesNamed(typeName).Any(t => t is InterfaceDeclarationSyntax))
        {
            return true;
        }

        return ServiceSuffixes.Any(s => typeName.EndsWith(s, StringComparison.Ordinal));
    }
}
