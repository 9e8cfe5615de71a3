using System.Globalization;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>Where Asp.Versioning reads the requested version: a query or header name, the Accept media type, or the URL.</summary>
internal sealed record VersionReader(VersionReaderKind Kind, string Name);

internal enum VersionReaderKind
{
    Query,
    Header,
    MediaType,
    UrlSegment,
}

/// <summary>
/// Asp.Versioning as the project configures it (<c>AddApiVersioning</c>: the <c>ApiVersionReader</c>, the default
/// version) and the version texts of <c>HasApiVersion</c>, <c>MapToApiVersion</c> and <c>[ApiVersion]</c>. A versioned
/// endpoint only answers requests that name one of its versions, so each generated request carries it: as the query
/// or header the reader reads, in the Accept media type, or in the route's <c>{version:apiVersion}</c> segment.
/// </summary>
internal sealed class ApiVersioning
{
    /// <summary>The route constraint's marker on a path parameter's schema (set by <see cref="RouteTemplate"/>).</summary>
    public const string RouteFormat = "api-version";

    private static readonly IReadOnlyList<VersionReader> DefaultReaders =
        [new(VersionReaderKind.Query, "api-version"), new(VersionReaderKind.UrlSegment, "")];

    private readonly CSharpProject _project;

    private ApiVersioning(CSharpProject project) => _project = project;

    public IReadOnlyList<VersionReader> Readers { get; private set; } = DefaultReaders;

    /// <summary>The version of endpoints a versioned API declares none for (<c>DefaultApiVersion</c>, 1.0 unless set).</summary>
    public string DefaultVersion { get; private set; } = "1.0";

    /// <summary>Whether the project calls <c>AddApiVersioning</c>.</summary>
    public bool Configured { get; private set; }

    public static ApiVersioning Read(CSharpProject project)
    {
        var versioning = new ApiVersioning(project)
        {
            Configured = project.MethodCalled("AddApiVersioning"),
        };
        foreach (var assignment in project.Trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>()))
        {
            var target = assignment.Left switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                _ => "",
            };
            switch (target)
            {
                case "ApiVersionReader":
                    var readers = versioning.ReadersOf(assignment.Right, 0);
                    if (readers.Count > 0)
                    {
                        versioning.Readers = readers;
                    }

                    break;
                case "DefaultApiVersion" when versioning.VersionOf([assignment.Right]) is { } version:
                    versioning.DefaultVersion = version;
                    break;
            }
        }

        return versioning;
    }

    private List<VersionReader> ReadersOf(ExpressionSyntax expression, int depth)
    {
        if (depth > 8)
        {
            return [];
        }

        switch (expression)
        {
            case BaseObjectCreationExpressionSyntax creation:
            {
                var type = (creation as ObjectCreationExpressionSyntax)?.Type is { } t ? ParameterBinder.SimpleTypeName(t) : null;
                var name = creation.ArgumentList?.Arguments.Select(a => _project.EvaluateString(a.Expression)).FirstOrDefault(n => n is not null);
                return type switch
                {
                    "QueryStringApiVersionReader" => [new(VersionReaderKind.Query, name ?? "api-version")],
                    "HeaderApiVersionReader" => [new(VersionReaderKind.Header, name ?? "api-version")],
                    "MediaTypeApiVersionReader" => [new(VersionReaderKind.MediaType, name ?? "v")],
                    "UrlSegmentApiVersionReader" => [new(VersionReaderKind.UrlSegment, "")],
                    _ => [.. creation.ArgumentList?.Arguments.SelectMany(a => ReadersOf(a.Expression, depth + 1)) ?? []],
                };
            }
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Combine" } } combine:
                return [.. combine.ArgumentList.Arguments.SelectMany(a => ReadersOf(a.Expression, depth + 1))];
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return [.. initializer.Expressions.SelectMany(e => ReadersOf(e, depth + 1))];
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return [.. implicitArray.Initializer.Expressions.SelectMany(e => ReadersOf(e, depth + 1))];
            case CollectionExpressionSyntax collection:
                return [.. collection.Elements.OfType<ExpressionElementSyntax>().SelectMany(e => ReadersOf(e.Expression, depth + 1))];
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when _project.ConstantValue(expression) is { } value:
                return ReadersOf(value, depth + 1);
            default:
                return [];
        }
    }

    /// <summary>
    /// The version text of <c>HasApiVersion(1, 0)</c>, <c>(1.0)</c>, <c>(new ApiVersion(2, 0))</c>, <c>("2.0")</c>,
    /// <c>[ApiVersion("1.0")]</c>, <c>ApiVersion.Parse("1.0")</c> or a constant holding one; null when unknown.
    /// </summary>
    public string? VersionOf(IReadOnlyList<ExpressionSyntax> arguments, int depth = 0)
    {
        if (arguments.Count == 0 || depth > 8)
        {
            return null;
        }

        var first = arguments[0];
        switch (first)
        {
            case LiteralExpressionSyntax { Token.Value: int major }:
            {
                var minor = arguments.Count > 1 && arguments[1] is LiteralExpressionSyntax { Token.Value: int m } ? m : 0;
                var status = arguments.Skip(1).Select(a => a is LiteralExpressionSyntax s && s.IsKind(SyntaxKind.StringLiteralExpression) ? s.Token.ValueText : null)
                    .FirstOrDefault(s => s is not null);
                return string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}") + (status is null ? "" : "-" + status);
            }
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
            {
                // 1.0, 2.5: as written; 2d / 2.0f: without the suffix.
                var text = literal.Token.Text.TrimEnd('d', 'D', 'f', 'F', 'm', 'M');
                return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
            }
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return literal.Token.ValueText;
            case BaseObjectCreationExpressionSyntax { ArgumentList: { } args }:
                return VersionOf([.. args.Arguments.Select(a => a.Expression)], depth + 1);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Parse" or "TryParse" } } parse:
                return VersionOf([.. parse.ArgumentList.Arguments.Select(a => a.Expression)], depth + 1);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when _project.ConstantValue(first) is { } value:
                return VersionOf([value], depth + 1);
            default:
                return null;
        }
    }

    /// <summary>The version of an attribute like <c>[ApiVersion("2.0")]</c> / <c>[MapToApiVersion(2.0)]</c>.</summary>
    public string? VersionOf(AttributeSyntax attribute) =>
        VersionOf([.. attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).Select(a => a.Expression) ?? []]);

    /// <summary>
    /// The parameters of a versioned endpoint's request: the route's <c>{version:apiVersion}</c> takes the version
    /// when the URL segment reader is on; otherwise the first query, header or media type reader gets a required
    /// parameter with the versions. LT1211 when no reader can carry it.
    /// </summary>
    public IReadOnlyList<ApiParameter> Apply(IReadOnlyList<ApiParameter> parameters, IReadOnlyList<string> versions, SourceLocation location,
        List<SourceDiagnostic> diagnostics)
    {
        if (versions.Count == 0)
        {
            return parameters;
        }

        var values = versions.Select(v => (JsonNode?)JsonValue.Create(v)).ToList();
        var routeVersion = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Schema.Format == RouteFormat);
        if (routeVersion is not null && Readers.Any(r => r.Kind == VersionReaderKind.UrlSegment))
        {
            return [.. parameters.Select(p => p == routeVersion ? p with { Schema = p.Schema with { Type = "string", Enum = values } } : p)];
        }

        var reader = Readers.FirstOrDefault(r => r.Kind != VersionReaderKind.UrlSegment);
        var schema = new SchemaModel { Type = "string", Enum = values, Description = "API version (Asp.Versioning)" };
        switch (reader?.Kind)
        {
            case VersionReaderKind.Query:
                return [.. parameters, new ApiParameter(reader.Name, ParameterLocation.Query, schema) { Required = true }];
            case VersionReaderKind.Header:
                return [.. parameters, new ApiParameter(reader.Name, ParameterLocation.Header, schema) { Required = true }];
            case VersionReaderKind.MediaType:
                var mediaTypes = versions.Select(v => (JsonNode?)JsonValue.Create($"application/json; {reader.Name}={v}")).ToList();
                return [.. parameters, new ApiParameter("Accept", ParameterLocation.Header, schema with { Enum = mediaTypes }) { Required = true }];
            default:
                diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.VersionNotSendable,
                    $"This endpoint is versioned ({string.Join(", ", versions)}), but the configured ApiVersionReader only reads the version from the URL and its route has no {{version:apiVersion}} segment; requests are sent without a version.",
                    location, "Add a {version:apiVersion} segment to the route, or a QueryStringApiVersionReader/HeaderApiVersionReader to the versioning options."));
                return parameters;
        }
    }
}
