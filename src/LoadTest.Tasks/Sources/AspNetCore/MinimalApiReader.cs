using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>A route prefix reached through MapGroup calls, and whether the group requires authorization.</summary>
internal sealed record GroupPrefix(string Prefix, bool RequiresAuth, IReadOnlyList<string> Tags);

/// <summary>
/// Minimal API endpoints: <c>MapGet/MapPost/MapPut/MapDelete/MapPatch/MapMethods</c> on the app or on
/// <c>MapGroup</c> groups (held in variables, chained, nested, or passed to extension methods), with handlers given
/// as lambdas or method groups.
/// </summary>
internal sealed class MinimalApiReader(CSharpProject project, ParameterBinder binder, DtoSchemaBuilder schemas, List<SourceDiagnostic> diagnostics)
{
    private static readonly Dictionary<string, string> MapMethods = new(StringComparer.Ordinal)
    {
        ["MapGet"] = "GET", ["MapPost"] = "POST", ["MapPut"] = "PUT", ["MapDelete"] = "DELETE", ["MapPatch"] = "PATCH",
    };

    private const int MaxDepth = 12;

    public IEnumerable<ApiOperation> Read()
    {
        foreach (var tree in project.Trees)
        {
            foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is not MemberAccessExpressionSyntax member)
                {
                    continue;
                }

                var name = member.Name.Identifier.ValueText;
                if (!MapMethods.ContainsKey(name) && name != "MapMethods")
                {
                    continue;
                }

                foreach (var operation in ReadEndpoint(invocation, member, name))
                {
                    yield return operation;
                }
            }
        }
    }

    private IEnumerable<ApiOperation> ReadEndpoint(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, string mapName)
    {
        var args = invocation.ArgumentList.Arguments;
        var location = Locate(invocation);
        if (args.Count < 2)
        {
            yield break;
        }

        var methods = mapName == "MapMethods" ? HttpMethodsOf(args.Count > 1 ? args[1].Expression : null) : [MapMethods[mapName]];
        var template = project.EvaluateString(args[0].Expression);
        if (template is null)
        {
            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedRoute,
                $"The route of this {mapName} call cannot be resolved at compile time ({args[0].Expression}).", location,
                "Use a string literal or a const string for the route pattern."));
            yield break;
        }

        if (methods.Count == 0)
        {
            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedRoute,
                $"The HTTP methods of this MapMethods call cannot be resolved ({args[1].Expression}).", location,
                "Pass the methods as string literals, e.g. new[] { \"GET\" }."));
            yield break;
        }

        var handler = args[^1].Expression;
        var (parameters, handlerAttributes, returnType) = HandlerSignature(handler, location, mapName);
        var chain = ChainMetadata(invocation);
        var requiresAuthOnHandler = handlerAttributes.HasValue && DtoSchemaBuilder.HasAttribute(handlerAttributes.Value, "Authorize");
        var anonymous = chain.AllowAnonymous || handlerAttributes.HasValue && DtoSchemaBuilder.HasAttribute(handlerAttributes.Value, "AllowAnonymous");

        foreach (var group in Prefixes(member.Expression, 0))
        {
            var variants = RouteTemplate.Parse(RouteTemplate.Join(group.Prefix, template));
            var routeNames = variants.SelectMany(v => v.Parameters).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var variant in variants)
            {
                foreach (var method in methods)
                {
                    var bound = binder.Bind(parameters, method, variant, routeNames);
                    var secured = !anonymous && (group.RequiresAuth || chain.RequireAuth || requiresAuthOnHandler);
                    yield return new ApiOperation(method, variant.Template, location)
                    {
                        OperationId = chain.Name,
                        Summary = chain.Summary,
                        Tags = chain.Tags.Count > 0 ? chain.Tags : group.Tags,
                        Parameters = bound.Parameters,
                        RequestBody = bound.Body ?? chain.Accepts,
                        Responses = Responses(returnType, chain.Produces),
                        Security = secured ? [new SecurityRequirement(AspNetCoreSourceReader.BearerSchemeKey, [])] : anonymous ? [] : null,
                    };
                }
            }
        }
    }

    private List<ApiResponse> Responses(TypeSyntax? returnType, IReadOnlyList<(string Code, TypeSyntax? Type)> produces)
    {
        if (produces.Count > 0)
        {
            return produces.Select(p => p.Type is null
                ? new ApiResponse(p.Code)
                : new ApiResponse(p.Code) { Content = [new MediaContent("application/json", schemas.FromType(p.Type))] }).ToList();
        }

        var schema = returnType is null ? null : schemas.FromType(returnType);
        return [schema is { Type: not null } or { RefName: not null } ? new ApiResponse("200") { Content = [new MediaContent("application/json", schema)] } : new ApiResponse("200")];
    }

    private static SourceLocation Locate(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
    }

    private static List<string> HttpMethodsOf(ExpressionSyntax? expression)
    {
        var methods = new List<string>();
        if (expression is null)
        {
            return methods;
        }

        foreach (var node in expression.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    methods.Add(literal.Token.ValueText.ToUpperInvariant());
                    break;
                case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "HttpMethods" or "HttpMethod" } } m:
                    methods.Add(m.Name.Identifier.ValueText.ToUpperInvariant());
                    break;
            }
        }

        return methods.Distinct().ToList();
    }

    /// <summary>Parameters, attributes and declared return type of a lambda or method-group handler.</summary>
    private (IReadOnlyList<ParameterSyntax> Parameters, SyntaxList<AttributeListSyntax>? Attributes, TypeSyntax? ReturnType) HandlerSignature(
        ExpressionSyntax handler, SourceLocation location, string mapName)
    {
        switch (handler)
        {
            case ParenthesizedLambdaExpressionSyntax lambda:
                return (lambda.ParameterList.Parameters, lambda.AttributeLists, lambda.ReturnType);
            case SimpleLambdaExpressionSyntax simple:
                return ([simple.Parameter], simple.AttributeLists, null);
            case AnonymousMethodExpressionSyntax anonymous:
                return (anonymous.ParameterList?.Parameters.ToList() ?? [], null, null);
            case CastExpressionSyntax cast:
                return HandlerSignature(cast.Expression, location, mapName);
        }

        var methodName = handler switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            _ => null,
        };
        var owner = (handler as MemberAccessExpressionSyntax)?.Expression.ToString().Split('.').Last();
        var candidates = methodName is null ? [] : project.MethodsNamed(methodName);
        var method = candidates.FirstOrDefault(m => owner is null || (m.Parent as BaseTypeDeclarationSyntax)?.Identifier.ValueText == owner) ?? candidates.FirstOrDefault();
        if (method is null)
        {
            var local = methodName is null ? null : handler.SyntaxTree.GetRoot().DescendantNodes().OfType<LocalFunctionStatementSyntax>()
                .FirstOrDefault(l => l.Identifier.ValueText == methodName);
            if (local is not null)
            {
                return (local.ParameterList.Parameters, local.AttributeLists, local.ReturnType);
            }

            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedHandler,
                $"The handler of this {mapName} call ({handler}) cannot be found in the project; only its route parameters are known.", location,
                "Use a lambda or a method declared in the project as the handler."));
            return ([], null, null);
        }

        return (method.ParameterList.Parameters, method.AttributeLists, method.ReturnType);
    }

    private sealed record Chain(string? Name, string? Summary, IReadOnlyList<string> Tags, bool RequireAuth, bool AllowAnonymous,
        IReadOnlyList<(string Code, TypeSyntax? Type)> Produces, ApiRequestBody? Accepts);

    /// <summary>Metadata chained after the Map call: WithName, WithTags, WithSummary, RequireAuthorization, Produces&lt;T&gt;, Accepts&lt;T&gt;.</summary>
    private Chain ChainMetadata(InvocationExpressionSyntax invocation)
    {
        string? name = null;
        string? summary = null;
        var tags = new List<string>();
        var requireAuth = false;
        var allowAnonymous = false;
        var produces = new List<(string, TypeSyntax?)>();
        ApiRequestBody? accepts = null;
        SyntaxNode current = invocation;
        while (current.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } access && access.Expression == current)
        {
            var args = outer.ArgumentList.Arguments;
            var first = args.Count > 0 ? args[0].Expression : null;
            var generic = access.Name as GenericNameSyntax;
            switch (access.Name.Identifier.ValueText)
            {
                case "WithName":
                    name = project.EvaluateString(first);
                    break;
                case "WithSummary":
                    summary = project.EvaluateString(first);
                    break;
                case "WithTags":
                    tags.AddRange(args.Select(a => project.EvaluateString(a.Expression)).OfType<string>());
                    break;
                case "RequireAuthorization":
                    requireAuth = true;
                    break;
                case "AllowAnonymous":
                    allowAnonymous = true;
                    break;
                case "Produces" or "ProducesProblem" or "ProducesValidationProblem":
                    var code = first is not null && project.EvaluateString(first) is { } c ? c : StatusOf(first) ?? "200";
                    produces.Add((code, generic?.TypeArgumentList.Arguments.FirstOrDefault()));
                    break;
                case "Accepts" when generic is not null:
                    var contentType = project.EvaluateString(first) ?? "application/json";
                    accepts = new ApiRequestBody([new MediaContent(contentType, schemas.FromType(generic.TypeArgumentList.Arguments[0]))]) { Required = true };
                    break;
            }

            current = outer;
        }

        return new Chain(name, summary, tags, requireAuth, allowAnonymous, produces, accepts);
    }

    private static string? StatusOf(ExpressionSyntax? expression) => expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: var status } when status.StartsWith("Status", StringComparison.Ordinal) && status.Length >= 9
            => status.Substring(6, 3),
        _ => null,
    };

    /// <summary>The prefixes a route builder expression stands for (a group can be reached from several call sites).</summary>
    private List<GroupPrefix> Prefixes(ExpressionSyntax expression, int depth)
    {
        if (depth > MaxDepth)
        {
            return [new GroupPrefix("", false, [])];
        }

        switch (expression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call:
            {
                var name = access.Name.Identifier.ValueText;
                var inner = Prefixes(access.Expression, depth + 1);
                if (name == "MapGroup")
                {
                    var groupTemplate = project.EvaluateString(call.ArgumentList.Arguments.FirstOrDefault()?.Expression);
                    if (groupTemplate is null)
                    {
                        diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedGroup,
                            $"The prefix of this MapGroup call cannot be resolved at compile time ({call.ArgumentList}); its endpoints are listed without it.",
                            Locate(call), "Use a string literal or a const string for the group prefix."));
                        return inner;
                    }

                    return inner.Select(p => p with { Prefix = RouteTemplate.Join(p.Prefix, groupTemplate) }).ToList();
                }

                if (name == "RequireAuthorization")
                {
                    return inner.Select(p => p with { RequiresAuth = true }).ToList();
                }

                if (name == "WithTags")
                {
                    var tags = call.ArgumentList.Arguments.Select(a => project.EvaluateString(a.Expression)).OfType<string>().ToList();
                    return inner.Select(p => p with { Tags = tags }).ToList();
                }

                if (name is "WithOpenApi" or "AllowAnonymous" or "WithGroupName" or "AddEndpointFilter" or "WithMetadata" or "RequireRateLimiting"
                    or "RequireCors" or "CacheOutput" or "DisableAntiforgery" or "WithDescription" or "WithSummary" or "ProducesProblem" or "AddEndpointFilterFactory")
                {
                    return inner;
                }

                // An extension method returning the group it was given (e.g. group.MapOrders()) keeps the prefix.
                return inner;
            }
            case IdentifierNameSyntax identifier:
                return PrefixesOfName(identifier, depth);
            case ParenthesizedExpressionSyntax parenthesized:
                return Prefixes(parenthesized.Expression, depth + 1);
            case CastExpressionSyntax cast:
                return Prefixes(cast.Expression, depth + 1);
            default:
                return [new GroupPrefix("", false, [])];
        }
    }

    private List<GroupPrefix> PrefixesOfName(IdentifierNameSyntax identifier, int depth)
    {
        var name = identifier.Identifier.ValueText;
        if (SyntaxLookup.FindLocal(identifier, name)?.Initializer?.Value is { } initializer)
        {
            return Prefixes(initializer, depth + 1);
        }

        if (SyntaxLookup.FindParameter(identifier, name) is { } found && found.Owner is MethodDeclarationSyntax method)
        {
            // A route builder passed in: the prefixes of every call site.
            var index = method.ParameterList.Parameters.IndexOf(found.Parameter);
            var isExtension = index == 0 && found.Parameter.Modifiers.Any(SyntaxKind.ThisKeyword);
            var prefixes = new List<GroupPrefix>();
            foreach (var tree in project.Trees)
            {
                foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var calledName = call.Expression switch
                    {
                        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                        IdentifierNameSyntax i => i.Identifier.ValueText,
                        _ => null,
                    };

                    if (calledName != method.Identifier.ValueText || call.Ancestors().Contains(method))
                    {
                        continue;
                    }

                    ExpressionSyntax? argument = null;
                    if (isExtension && call.Expression is MemberAccessExpressionSyntax receiver)
                    {
                        argument = receiver.Expression;
                    }
                    else
                    {
                        var argumentIndex = method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword) && call.Expression is MemberAccessExpressionSyntax ? index - 1 : index;
                        var arguments = call.ArgumentList.Arguments;
                        if (argumentIndex >= 0 && argumentIndex < arguments.Count)
                        {
                            argument = arguments[argumentIndex].Expression;
                        }
                    }

                    if (argument is not null)
                    {
                        prefixes.AddRange(Prefixes(argument, depth + 1));
                    }
                }
            }

            if (prefixes.Count > 0)
            {
                return prefixes.DistinctBy(p => (p.Prefix, p.RequiresAuth)).ToList();
            }
        }

        return [new GroupPrefix("", false, [])];
    }
}
