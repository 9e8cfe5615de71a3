using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Schemas;
using LoadTest.Tasks.Sources.Express.Semantics;

namespace LoadTest.Tasks.Sources.Express.Routes;

/// <summary>
/// Walks the router tree from each app (prefixes joined through every <c>use()</c>) and turns each route into
/// operations. Routers no app mounts are still listed, without a prefix, with an LT1105 warning.
/// </summary>
internal sealed class ExpressOperationBuilder(ExpressProject project, HandlerInspector inspector, SchemaRegistry registry)
{
    public const string BearerSchemeKey = "bearerAuth";

    private readonly List<ApiOperation> _operations = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<RouterNode> _reached = [];

    public bool UsesAuth { get; private set; }

    public IReadOnlyList<ApiOperation> Build(IReadOnlyList<RouterNode> routers)
    {
        foreach (var app in routers.Where(r => r.IsApp))
        {
            Walk(app, "", false, [], 0);
        }

        foreach (var router in routers.Where(r => !r.IsApp && !r.IsMounted && !_reached.Contains(r)))
        {
            if (!HasRoutes(router, []))
            {
                continue;
            }

            var module = project.Modules.FirstOrDefault(m => m.File == router.File);
            project.Diagnostics.Warn(ExpressCodes.RouterNotMounted,
                $"The router created by {router.Origin} in {module?.RelativePath ?? router.File} is not mounted on an app found in the source folder; its routes are listed without a prefix.",
                router.File, router.Line, "Mount it with app.use('/prefix', router) in a file inside the source folder, or point the source at the folder holding the app.");
            Walk(router, "", false, [], 0);
        }

        return _operations;
    }

    private static bool HasRoutes(RouterNode node, HashSet<RouterNode> visiting) =>
        visiting.Add(node) && (node.Routes.Count > 0 || node.Mounts.Any(m => HasRoutes(m.Child, visiting)));

    private void Walk(RouterNode node, string prefix, bool auth, List<RouterNode> stack, int depth)
    {
        if (stack.Contains(node) || depth > 32)
        {
            project.Diagnostics.Warn(ExpressCodes.MountCycle, $"A router is mounted inside itself (prefix '{prefix}'); the cycle is cut there.",
                node.File, node.Line, "Remove the circular app.use()/router.use() mount.");
            return;
        }

        _reached.Add(node);
        stack.Add(node);
        auth |= node.RequiresAuth;
        foreach (var route in node.Routes)
        {
            AddRoute(route, ExpressPath.Join(prefix, route.Path), auth);
        }

        foreach (var mount in node.Mounts)
        {
            Walk(mount.Child, ExpressPath.Join(prefix, mount.Prefix), auth || mount.RequiresAuth, stack, depth + 1);
        }

        stack.RemoveAt(stack.Count - 1);
    }

    private void AddRoute(RouteRecord route, string fullPath, bool auth)
    {
        var facts = inspector.Inspect(route.Handlers);
        var method = route.Method == "all" ? "GET" : route.Method.ToUpperInvariant();
        var module = project.Modules.FirstOrDefault(m => m.File == route.File);
        var tag = module is null ? null : Path.GetFileNameWithoutExtension(module.RelativePath).Replace(".routes", "", StringComparison.Ordinal).Replace(".router", "", StringComparison.Ordinal);
        if (facts.UntypedBodyMembers is { Count: > 0 } untyped)
        {
            project.Diagnostics.Warn(ExpressCodes.BodyKnownByNames,
                $"The request body of {method} {ExpressPath.ToTemplates(fullPath).Select(v => v.Template).FirstOrDefault() ?? fullPath} is known only by the members its handler reads ({string.Join(", ", untyped.Order(StringComparer.Ordinal))}); their values are made up from their names and sent as text.",
                route.File, route.Line,
                "Type the request (Request<{}, {}, Body>, req.body as Body, a typed parameter of the function the body is passed to) or validate it (zod, Joi/celebrate, express-validator).");
        }

        foreach (var variant in ExpressPath.ToTemplates(fullPath))
        {
            if (!_seen.Add(method + " " + variant.Template))
            {
                continue;
            }

            var operation = new ApiOperation(method, variant.Template, new SourceLocation(route.File, route.Line))
            {
                Tags = tag is null || tag is "index" or "app" or "server" or "main" ? [] : [tag],
                Parameters = Parameters(variant, facts),
                RequestBody = facts.Body is { } body ? new ApiRequestBody([new MediaContent("application/json", body)]) { Required = true } : null,
                Responses = Responses(facts),
                Security = auth || facts.RequiresAuth ? [new SecurityRequirement(BearerSchemeKey, [])] : null,
            };
            UsesAuth |= operation.Security is not null;
            _operations.Add(operation);
        }
    }

    private List<ApiParameter> Parameters(PathVariant variant, HandlerFacts facts)
    {
        var parameters = new List<ApiParameter>();
        var paramsSchema = facts.ParamsSchema is null ? null : registry.Resolve(facts.ParamsSchema);
        foreach (var pathParameter in variant.Parameters)
        {
            var schema = pathParameter.Schema;
            if (paramsSchema?.Properties.TryGetValue(pathParameter.Name, out var declared) == true && declared.Type is not null)
            {
                schema = declared;
            }

            parameters.Add(new ApiParameter(pathParameter.Name, ParameterLocation.Path, schema) { Required = true });
        }

        var querySchema = facts.QuerySchema is null ? null : registry.Resolve(facts.QuerySchema);
        var queryNames = new List<string>();
        if (querySchema is not null)
        {
            queryNames.AddRange(querySchema.Properties.Keys);
        }

        queryNames.AddRange(facts.QueryNames.Where(n => !queryNames.Contains(n)).Order(StringComparer.Ordinal));
        foreach (var name in queryNames)
        {
            var schema = querySchema?.Properties.GetValueOrDefault(name) ?? SchemaModel.Of("string");
            parameters.Add(new ApiParameter(name, ParameterLocation.Query, schema) { Required = querySchema?.Required.Contains(name) == true });
        }

        var headerSchema = facts.HeadersSchema is null ? null : registry.Resolve(facts.HeadersSchema);
        var headerNames = (headerSchema?.Properties.Keys ?? []).Concat(facts.HeaderNames).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var name in headerNames)
        {
            if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var schema = headerSchema?.Properties.GetValueOrDefault(name) ?? SchemaModel.Of("string");
            parameters.Add(new ApiParameter(name, ParameterLocation.Header, schema) { Required = headerSchema?.Required.Contains(name) == true });
        }

        return parameters;
    }

    private static List<ApiResponse> Responses(HandlerFacts facts)
    {
        var codes = facts.StatusCodes.Count > 0 ? facts.StatusCodes.ToList() : [200];
        if (!codes.Any(c => c is >= 200 and < 300))
        {
            codes.Insert(0, 200);
        }

        return codes.Select(code =>
        {
            var response = new ApiResponse(code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return code is >= 200 and < 300 && facts.ResponseBody is { } body
                ? response with { Content = [new MediaContent("application/json", body)] }
                : response;
        }).ToList();
    }
}
