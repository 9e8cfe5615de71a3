using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>
/// Attribute-routed controllers: <c>[Route("api/[controller]")]</c> on the class (or a base class), <c>[HttpGet("{id}")]</c>
/// and friends on actions, <c>[controller]</c>/<c>[action]</c>/<c>[area]</c> tokens, <c>~/</c> and <c>/</c> overrides,
/// [Authorize]/[AllowAnonymous], ActionResult&lt;T&gt; and [ProducesResponseType] responses.
/// </summary>
internal sealed class ControllerReader(CSharpProject project, ParameterBinder binder, DtoSchemaBuilder schemas, ApiVersioning versioning, List<SourceDiagnostic> diagnostics)
{
    private static readonly Dictionary<string, string> VerbAttributes = new(StringComparer.Ordinal)
    {
        ["HttpGet"] = "GET", ["HttpPost"] = "POST", ["HttpPut"] = "PUT", ["HttpDelete"] = "DELETE", ["HttpPatch"] = "PATCH",
        ["HttpHead"] = "HEAD", ["HttpOptions"] = "OPTIONS",
    };

    public IEnumerable<ReadOperation> Read()
    {
        var anyVersioned = project.AllTypes.OfType<ClassDeclarationSyntax>().Any(c => DtoSchemaBuilder.HasAttribute(c.AttributeLists, "ApiVersion"));
        foreach (var controller in project.AllTypes.OfType<ClassDeclarationSyntax>())
        {
            if (!IsController(controller))
            {
                continue;
            }

            foreach (var operation in ReadController(controller, anyVersioned && versioning.Configured))
            {
                yield return operation;
            }
        }
    }

    private IEnumerable<ClassDeclarationSyntax> SelfAndBases(ClassDeclarationSyntax controller)
    {
        var current = controller;
        for (var i = 0; i < 8 && current is not null; i++)
        {
            yield return current;
            var baseName = current.BaseList?.Types.FirstOrDefault()?.Type is { } type ? ParameterBinder.SimpleTypeName(type) : null;
            current = baseName is null ? null : project.TypesNamed(baseName).OfType<ClassDeclarationSyntax>().FirstOrDefault(c => c != current);
        }
    }

    private bool IsController(ClassDeclarationSyntax type)
    {
        if (type.Modifiers.Any(SyntaxKind.AbstractKeyword) || type.Modifiers.Any(SyntaxKind.StaticKeyword)
            || DtoSchemaBuilder.HasAttribute(type.AttributeLists, "NonController"))
        {
            return false;
        }

        var chain = SelfAndBases(type).ToList();
        return chain.Any(c => DtoSchemaBuilder.HasAttribute(c.AttributeLists, "ApiController") || DtoSchemaBuilder.HasAttribute(c.AttributeLists, "Controller"))
               || chain.Any(c => c.BaseList?.Types.Any(b => ParameterBinder.SimpleTypeName(b.Type) is "ControllerBase" or "Controller") == true)
               || type.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal);
    }

    /// <param name="versionedByDefault">Asp.Versioning versions every controller: one without [ApiVersion] answers the default version.</param>
    private IEnumerable<ReadOperation> ReadController(ClassDeclarationSyntax controller, bool versionedByDefault)
    {
        var chain = SelfAndBases(controller).ToList();
        var controllerName = controller.Identifier.ValueText.EndsWith("Controller", StringComparison.Ordinal)
            ? controller.Identifier.ValueText[..^"Controller".Length]
            : controller.Identifier.ValueText;
        var area = chain.Select(c => DtoSchemaBuilder.Attribute(c.AttributeLists, "Area")).FirstOrDefault(a => a is not null) is { } areaAttribute
            ? project.EvaluateString(DtoSchemaBuilder.FirstArgument(areaAttribute))
            : null;
        var classTemplates = chain.Select(c => Templates(c.AttributeLists, "Route")).FirstOrDefault(t => t.Count > 0) ?? [];
        if (classTemplates.Count == 0)
        {
            classTemplates = [""];
        }

        var classAuth = chain.Any(c => DtoSchemaBuilder.HasAttribute(c.AttributeLists, "Authorize"));
        var classAnonymous = DtoSchemaBuilder.HasAttribute(controller.AttributeLists, "AllowAnonymous");
        var isApiController = chain.Any(c => DtoSchemaBuilder.HasAttribute(c.AttributeLists, "ApiController"));
        var classVersions = chain.Select(c => Versions(c.AttributeLists, "ApiVersion")).FirstOrDefault(v => v.Count > 0) ?? [];
        var classNeutral = chain.Any(c => DtoSchemaBuilder.HasAttribute(c.AttributeLists, "ApiVersionNeutral"));

        foreach (var action in controller.Members.OfType<MethodDeclarationSyntax>())
        {
            if (!action.Modifiers.Any(SyntaxKind.PublicKeyword) || action.Modifiers.Any(SyntaxKind.StaticKeyword)
                || DtoSchemaBuilder.HasAttribute(action.AttributeLists, "NonAction"))
            {
                continue;
            }

            var verbs = Verbs(action);
            if (verbs.Count == 0)
            {
                if (isApiController)
                {
                    diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.ActionWithoutVerb,
                        $"Action {controller.Identifier.ValueText}.{action.Identifier.ValueText} has no [HttpGet]/[HttpPost]/… attribute; it is left out.",
                        Locate(action.Identifier), "Add an HTTP method attribute, or [NonAction] if it is not an endpoint."));
                }

                continue;
            }

            var actionName = action.Identifier.ValueText.EndsWith("Async", StringComparison.Ordinal) ? action.Identifier.ValueText[..^5] : action.Identifier.ValueText;
            var routeTemplates = Templates(action.AttributeLists, "Route");
            var auth = (classAuth || DtoSchemaBuilder.HasAttribute(action.AttributeLists, "Authorize")) && !classAnonymous;
            var anonymous = DtoSchemaBuilder.HasAttribute(action.AttributeLists, "AllowAnonymous") || classAnonymous;
            var versions = ActionVersions(action, classVersions, classNeutral, versionedByDefault);
            var responses = ResponseMetadata.Responses(schemas, action.ReturnType, (SyntaxNode?)action.Body ?? action.ExpressionBody,
                ResponseMetadata.ProducesResponseTypes(action.AttributeLists), controllerHelpers: true);
            foreach (var (method, verbTemplate) in verbs)
            {
                var actionTemplates = verbTemplate is not null ? [verbTemplate] : routeTemplates.Count > 0 ? routeTemplates : [""];
                foreach (var classTemplate in classTemplates)
                {
                    foreach (var actionTemplate in actionTemplates)
                    {
                        var full = RouteTemplate.Join(classTemplate, actionTemplate, slashIsAbsolute: true);
                        full = full.Replace("[controller]", controllerName, StringComparison.OrdinalIgnoreCase)
                            .Replace("[action]", actionName, StringComparison.OrdinalIgnoreCase)
                            .Replace("[area]", area ?? "", StringComparison.OrdinalIgnoreCase);
                        var variants = RouteTemplate.Parse(full);
                        var routeNames = variants.SelectMany(v => v.Parameters).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                        foreach (var variant in variants)
                        {
                            var bound = binder.Bind(action.ParameterList.Parameters, method, variant, routeNames);
                            var location = Locate(action.Identifier);
                            var operation = new ApiOperation(method, variant.Template, location)
                            {
                                OperationId = actionName,
                                Tags = [controllerName],
                                Parameters = versioning.Apply(bound.Parameters, versions, location, diagnostics),
                                RequestBody = bound.Body,
                                Responses = responses,
                                Security = auth && !anonymous ? [new SecurityRequirement(AspNetCoreSourceReader.BearerSchemeKey, [])] : anonymous ? [] : null,
                            };
                            yield return new ReadOperation(operation, versions);
                        }
                    }
                }
            }
        }
    }

    private static SourceLocation Locate(SyntaxToken token)
    {
        var span = token.GetLocation().GetLineSpan();
        return new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    private List<(string Method, string? Template)> Verbs(MethodDeclarationSyntax action)
    {
        var verbs = new List<(string, string?)>();
        foreach (var attribute in action.AttributeLists.SelectMany(l => l.Attributes))
        {
            var name = DtoSchemaBuilder.ShortName(attribute);
            var first = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null)?.Expression;
            if (VerbAttributes.TryGetValue(name, out var method))
            {
                verbs.Add((method, first is null ? null : project.EvaluateString(first)));
            }
            else if (name == "AcceptVerbs")
            {
                var route = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Route")?.Expression;
                foreach (var argument in attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null) ?? [])
                {
                    if (project.EvaluateString(argument.Expression) is { } verb)
                    {
                        verbs.Add((verb.ToUpperInvariant(), route is null ? null : project.EvaluateString(route)));
                    }
                }
            }
        }

        return verbs;
    }

    private List<string> Templates(SyntaxList<AttributeListSyntax> attributes, string attributeName) =>
        attributes.SelectMany(l => l.Attributes)
            .Where(a => DtoSchemaBuilder.ShortName(a) == attributeName)
            .Select(a => project.EvaluateString(DtoSchemaBuilder.FirstArgument(a)))
            .OfType<string>()
            .ToList();

    /// <summary>[MapToApiVersion] picks the action's versions; [ApiVersion] on the action replaces the controller's.</summary>
    private List<string> ActionVersions(MethodDeclarationSyntax action, List<string> classVersions, bool classNeutral, bool versionedByDefault)
    {
        if (classNeutral || DtoSchemaBuilder.HasAttribute(action.AttributeLists, "ApiVersionNeutral"))
        {
            return [];
        }

        var mapped = Versions(action.AttributeLists, "MapToApiVersion");
        if (mapped.Count > 0)
        {
            return mapped;
        }

        var own = Versions(action.AttributeLists, "ApiVersion");
        return own.Count > 0 ? own : classVersions.Count > 0 ? classVersions : versionedByDefault ? [versioning.DefaultVersion] : [];
    }

    private List<string> Versions(SyntaxList<AttributeListSyntax> attributes, string attributeName)
    {
        var versions = new List<string>();
        foreach (var attribute in attributes.SelectMany(l => l.Attributes).Where(a => DtoSchemaBuilder.ShortName(a) == attributeName))
        {
            if (versioning.VersionOf(attribute) is { } version)
            {
                versions.Add(version);
                continue;
            }

            var span = attribute.GetLocation().GetLineSpan();
            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedVersion,
                $"The API version of [{attribute}] cannot be resolved at compile time; it is not sent.",
                new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1),
                "Write the version as a string or number literal, e.g. [ApiVersion(\"2.0\")]."));
        }

        return versions.Distinct(StringComparer.Ordinal).ToList();
    }
}
