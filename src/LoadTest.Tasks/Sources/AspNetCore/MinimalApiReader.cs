using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>
/// A route prefix reached through MapGroup calls, with the conventions applied to the groups on the way: authorization,
/// tags, and Asp.Versioning's API versions (<see cref="Versioned"/>: inside <c>NewVersionedApi</c>).
/// </summary>
internal sealed record GroupPrefix(string Prefix, bool RequiresAuth, IReadOnlyList<string> Tags)
{
    public static GroupPrefix Root { get; } = new("", false, []);

    public bool AllowAnonymous { get; init; }
    public IReadOnlyList<string> Versions { get; init; } = [];
    public bool Versioned { get; init; }

    public string Key => $"{Prefix}|{RequiresAuth}|{AllowAnonymous}|{string.Join(",", Versions)}|{Versioned}";
}

/// <summary>An operation read from the source and the API versions it answers (empty when unversioned).</summary>
internal sealed record ReadOperation(ApiOperation Operation, IReadOnlyList<string> Versions);

/// <summary>
/// Minimal API endpoints: <c>MapGet/MapPost/MapPut/MapDelete/MapPatch/MapMethods</c> on the app or on
/// <c>MapGroup</c> groups (held in variables, chained, nested, or passed to extension methods), with handlers given
/// as lambdas or method groups.
/// </summary>
internal sealed class MinimalApiReader(CSharpProject project, ParameterBinder binder, DtoSchemaBuilder schemas, ApiVersioning versioning, List<SourceDiagnostic> diagnostics)
{
    private static readonly Dictionary<string, string> MapMethods = new(StringComparer.Ordinal)
    {
        ["MapGet"] = "GET", ["MapPost"] = "POST", ["MapPut"] = "PUT", ["MapDelete"] = "DELETE", ["MapPatch"] = "PATCH",
    };

    private const int MaxDepth = 12;

    public IEnumerable<ReadOperation> Read()
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

    private IEnumerable<ReadOperation> ReadEndpoint(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, string mapName)
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
        var signature = HandlerSignature(handler, location, mapName);
        var handlerAttributes = signature.Attributes;
        var chain = ChainMetadata(invocation);
        var requiresAuthOnHandler = handlerAttributes.HasValue && DtoSchemaBuilder.HasAttribute(handlerAttributes.Value, "Authorize");
        var anonymousOnEndpoint = chain.AllowAnonymous || handlerAttributes.HasValue && DtoSchemaBuilder.HasAttribute(handlerAttributes.Value, "AllowAnonymous");
        var produces = chain.Produces.Concat(handlerAttributes.HasValue ? ResponseMetadata.ProducesResponseTypes(handlerAttributes.Value) : []).ToList();
        var responses = ResponseMetadata.Responses(schemas, signature.ReturnType, signature.Body, produces, controllerHelpers: false);

        foreach (var group in Prefixes(member.Expression, 0, []))
        {
            var anonymous = anonymousOnEndpoint || group.AllowAnonymous;
            var versions = Versions(group, chain);
            var variants = RouteTemplate.Parse(RouteTemplate.Join(group.Prefix, template));
            var routeNames = variants.SelectMany(v => v.Parameters).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var variant in variants)
            {
                foreach (var method in methods)
                {
                    var bound = binder.Bind(signature.Parameters, method, variant, routeNames);
                    var secured = !anonymous && (group.RequiresAuth || chain.RequireAuth || requiresAuthOnHandler);
                    var operation = new ApiOperation(method, variant.Template, location)
                    {
                        OperationId = chain.Name,
                        Summary = chain.Summary,
                        Tags = chain.Tags.Count > 0 ? chain.Tags : group.Tags,
                        Parameters = versioning.Apply(bound.Parameters, versions, location, diagnostics),
                        RequestBody = bound.Body ?? chain.Accepts,
                        Responses = responses,
                        Security = secured ? [new SecurityRequirement(AspNetCoreSourceReader.BearerSchemeKey, [])] : anonymous ? [] : null,
                    };
                    yield return new ReadOperation(operation, versions);
                }
            }
        }
    }

    /// <summary>
    /// The API versions an endpoint answers: <c>MapToApiVersion</c> picks from its groups' versions; otherwise the
    /// versions declared on the endpoint, its version set and its groups; a versioned API's endpoint that declares
    /// none answers the default version; <c>IsApiVersionNeutral</c> answers any (none is sent).
    /// </summary>
    private List<string> Versions(GroupPrefix group, Chain chain)
    {
        if (chain.VersionNeutral)
        {
            return [];
        }

        if (chain.MappedVersions.Count > 0)
        {
            return [.. chain.MappedVersions.Distinct(StringComparer.Ordinal)];
        }

        var declared = chain.Versions.Concat(group.Versions).Distinct(StringComparer.Ordinal).ToList();
        if (declared.Count == 0 && (group.Versioned || chain.Versioned))
        {
            declared.Add(versioning.DefaultVersion);
        }

        return declared;
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

    /// <summary>Parameters, attributes, declared return type and body of a lambda or method-group handler.</summary>
    private sealed record Signature(IReadOnlyList<ParameterSyntax> Parameters, SyntaxList<AttributeListSyntax>? Attributes, TypeSyntax? ReturnType, SyntaxNode? Body);

    private Signature HandlerSignature(ExpressionSyntax handler, SourceLocation location, string mapName)
    {
        switch (handler)
        {
            case ParenthesizedLambdaExpressionSyntax lambda:
                return new(lambda.ParameterList.Parameters, lambda.AttributeLists, lambda.ReturnType, lambda.Body);
            case SimpleLambdaExpressionSyntax simple:
                return new([simple.Parameter], simple.AttributeLists, null, simple.Body);
            case AnonymousMethodExpressionSyntax anonymous:
                return new(anonymous.ParameterList?.Parameters.ToList() ?? [], null, null, anonymous.Body);
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
                return new(local.ParameterList.Parameters, local.AttributeLists, local.ReturnType, (SyntaxNode?)local.Body ?? local.ExpressionBody);
            }

            diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedHandler,
                $"The handler of this {mapName} call ({handler}) cannot be found in the project; only its route parameters are known.", location,
                "Use a lambda or a method declared in the project as the handler."));
            return new([], null, null, null);
        }

        return new(method.ParameterList.Parameters, method.AttributeLists, method.ReturnType, (SyntaxNode?)method.Body ?? method.ExpressionBody);
    }

    private sealed record Chain(string? Name, string? Summary, IReadOnlyList<string> Tags, bool RequireAuth, bool AllowAnonymous,
        IReadOnlyList<ResultStatus> Produces, ApiRequestBody? Accepts)
    {
        public IReadOnlyList<string> Versions { get; init; } = [];
        public IReadOnlyList<string> MappedVersions { get; init; } = [];
        public bool VersionNeutral { get; init; }
        /// <summary>WithApiVersionSet: the endpoint belongs to a versioned API even when the set declares no version.</summary>
        public bool Versioned { get; init; }
    }

    /// <summary>Metadata chained after the Map call: WithName, WithTags, WithSummary, RequireAuthorization, Produces&lt;T&gt;, Accepts&lt;T&gt;.</summary>
    private Chain ChainMetadata(InvocationExpressionSyntax invocation)
    {
        string? name = null;
        string? summary = null;
        var tags = new List<string>();
        var requireAuth = false;
        var allowAnonymous = false;
        var produces = new List<ResultStatus>();
        var versions = new List<string>();
        var mapped = new List<string>();
        var neutral = false;
        var versioned = false;
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
                    var fallback = access.Name.Identifier.ValueText == "ProducesValidationProblem" ? "400" : "200";
                    var code = first is null ? fallback : ResultTypes.StatusCodeOf(first) ?? project.EvaluateString(first) ?? fallback;
                    var responseType = generic?.TypeArgumentList.Arguments.FirstOrDefault()
                                       ?? args.Select(a => a.Expression).OfType<TypeOfExpressionSyntax>().FirstOrDefault()?.Type;
                    produces.Add(new ResultStatus(code, responseType));
                    break;
                case "HasApiVersion" or "HasDeprecatedApiVersion":
                    AddVersion(versions, outer);
                    break;
                case "MapToApiVersion":
                    AddVersion(mapped, outer);
                    break;
                case "IsApiVersionNeutral":
                    neutral = true;
                    break;
                case "WithApiVersionSet":
                    versioned = true;
                    versions.AddRange(VersionSet(first));
                    break;
                case "Accepts" when generic is not null:
                    var contentType = project.EvaluateString(first) ?? "application/json";
                    accepts = new ApiRequestBody([new MediaContent(contentType, schemas.FromType(generic.TypeArgumentList.Arguments[0]))]) { Required = true };
                    break;
            }

            current = outer;
        }

        return new Chain(name, summary, tags, requireAuth, allowAnonymous, produces, accepts)
        {
            Versions = versions, MappedVersions = mapped, VersionNeutral = neutral, Versioned = versioned,
        };
    }

    private void AddVersion(List<string> versions, InvocationExpressionSyntax call)
    {
        var version = versioning.VersionOf([.. call.ArgumentList.Arguments.Select(a => a.Expression)]);
        if (version is not null)
        {
            versions.Add(version);
            return;
        }

        diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedVersion,
            $"The API version of this {((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText} call ({call.ArgumentList}) cannot be resolved at compile time; it is not sent.",
            Locate(call), "Write the version as numbers (HasApiVersion(1, 0), HasApiVersion(2.0)), a string or a constant ApiVersion."));
    }

    /// <summary>The versions of an ApiVersionSet: <c>app.NewApiVersionSet().HasApiVersion(…).Build()</c>, held in a variable.</summary>
    private List<string> VersionSet(ExpressionSyntax? expression)
    {
        var versions = new List<string>();
        var definition = expression is IdentifierNameSyntax or MemberAccessExpressionSyntax ? project.ConstantValue(expression) : expression;
        foreach (var call in definition?.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>() ?? [])
        {
            if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "HasApiVersion" or "HasDeprecatedApiVersion" })
            {
                AddVersion(versions, call);
            }
        }

        return versions;
    }

    /// <summary>
    /// The groups a route builder expression stands for (a group can be reached from several call sites), with the
    /// conventions applied to them. <paramref name="via"/> names the locals and parameters this walk went through in
    /// the current method: when that method returns one of them, conventions chained on its call sites apply too
    /// (<c>app.MapCatalogApi().RequireAuthorization()</c>).
    /// </summary>
    private List<GroupPrefix> Prefixes(ExpressionSyntax expression, int depth, List<string> via)
    {
        if (depth > MaxDepth)
        {
            return [GroupPrefix.Root];
        }

        switch (expression)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call:
            {
                var inner = Prefixes(access.Expression, depth + 1, via);
                return [.. inner.Select(p => Apply(p, call))];
            }
            case IdentifierNameSyntax identifier:
                return PrefixesOfName(identifier, depth, via);
            case ParenthesizedExpressionSyntax parenthesized:
                return Prefixes(parenthesized.Expression, depth + 1, via);
            case CastExpressionSyntax cast:
                return Prefixes(cast.Expression, depth + 1, via);
            default:
                return [GroupPrefix.Root];
        }
    }

    /// <summary>One call on a route group builder: MapGroup adds its prefix; conventions mark the group.</summary>
    private GroupPrefix Apply(GroupPrefix group, InvocationExpressionSyntax call)
    {
        var access = (MemberAccessExpressionSyntax)call.Expression;
        var arguments = call.ArgumentList.Arguments;
        switch (access.Name.Identifier.ValueText)
        {
            case "MapGroup":
                var groupTemplate = project.EvaluateString(arguments.FirstOrDefault()?.Expression);
                if (groupTemplate is null)
                {
                    diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnresolvedGroup,
                        $"The prefix of this MapGroup call cannot be resolved at compile time ({call.ArgumentList}); its endpoints are listed without it.",
                        Locate(call), "Use a string literal or a const string for the group prefix."));
                    return group;
                }

                return group with { Prefix = RouteTemplate.Join(group.Prefix, groupTemplate) };
            case "RequireAuthorization":
                return group with { RequiresAuth = true };
            case "AllowAnonymous":
                return group with { AllowAnonymous = true };
            case "WithTags":
                return group with { Tags = [.. arguments.Select(a => project.EvaluateString(a.Expression)).OfType<string>()] };
            case "NewVersionedApi":
                return group with { Versioned = true };
            case "HasApiVersion" or "HasDeprecatedApiVersion":
                var versions = new List<string>();
                AddVersion(versions, call);
                return group with { Versioned = true, Versions = [.. group.Versions, .. versions] };
            case "WithApiVersionSet":
                return group with { Versioned = true, Versions = [.. group.Versions, .. VersionSet(arguments.FirstOrDefault()?.Expression)] };
            default:
                // WithOpenApi, AddEndpointFilter, an extension method returning the group it was given (group.MapOrders())…
                return group;
        }
    }

    /// <summary>
    /// Conventions chained after <paramref name="call"/> on the builder it returns, up to the next call that makes
    /// something else (a sub-group, an endpoint).
    /// </summary>
    private GroupPrefix ApplyChainedOn(GroupPrefix group, ExpressionSyntax call)
    {
        SyntaxNode current = call;
        while (current.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } access && access.Expression == current)
        {
            var name = access.Name.Identifier.ValueText;
            if (name.StartsWith("Map", StringComparison.Ordinal))
            {
                break;
            }

            group = Apply(group, outer);
            current = outer;
        }

        return group;
    }

    private List<GroupPrefix> PrefixesOfName(IdentifierNameSyntax identifier, int depth, List<string> via)
    {
        var name = identifier.Identifier.ValueText;
        if (SyntaxLookup.FindLocal(identifier, name) is { Initializer.Value: { } initializer } local)
        {
            via.Add(name);
            var groups = Prefixes(initializer, depth + 1, via);
            return [.. groups.Select(g => ApplyStatements(g, local, name))];
        }

        if (SyntaxLookup.FindParameter(identifier, name) is { } found && found.Owner is MethodDeclarationSyntax method)
        {
            // A route builder passed in: the groups of every call site.
            via.Add(name);
            var returnsOurs = Returned(method).Any(via.Contains);
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
                        var groups = Prefixes(argument, depth + 1, []);
                        prefixes.AddRange(returnsOurs ? groups.Select(g => ApplyChainedOn(g, call)) : groups);
                    }
                }
            }

            if (prefixes.Count > 0)
            {
                return prefixes.DistinctBy(p => p.Key).ToList();
            }
        }

        return [GroupPrefix.Root];
    }

    /// <summary>Conventions applied to a group variable by statements of its own: <c>api.RequireAuthorization();</c>.</summary>
    private GroupPrefix ApplyStatements(GroupPrefix group, VariableDeclaratorSyntax local, string name)
    {
        var scope = local.Ancestors().FirstOrDefault(a => a is BlockSyntax or CompilationUnitSyntax);
        foreach (var use in scope?.DescendantNodes().OfType<IdentifierNameSyntax>() ?? [])
        {
            // Map* calls make endpoints or sub-groups (their conventions are theirs); a same-named local of another method is another variable.
            if (use.Identifier.ValueText == name && use.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax first } access
                && access.Expression == use && !access.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal)
                && use.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() == local.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>())
            {
                group = ApplyChainedOn(Apply(group, first), first);
            }
        }

        return group;
    }

    /// <summary>The names a method returns (<c>return api;</c>, <c>=> group</c>), outside nested functions.</summary>
    private static IEnumerable<string> Returned(MethodDeclarationSyntax method)
    {
        if (method.ExpressionBody?.Expression is IdentifierNameSyntax arrow)
        {
            yield return arrow.Identifier.ValueText;
        }

        foreach (var statement in method.Body?.DescendantNodes().OfType<ReturnStatementSyntax>() ?? [])
        {
            if (statement.Expression is IdentifierNameSyntax returned
                && !statement.Ancestors().TakeWhile(a => a != method).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            {
                yield return returned.Identifier.ValueText;
            }
        }
    }
}
