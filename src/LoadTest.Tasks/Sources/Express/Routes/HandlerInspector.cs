using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Schemas;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Routes;

/// <summary>What a route's middleware and handler say about its request: body, query, headers, path types, responses, auth.</summary>
internal sealed class HandlerFacts
{
    public SchemaModel? ValidatedBody { get; set; }
    public SchemaModel? TypedBody { get; set; }
    /// <summary>How the handlers use req.body: casts, typed locals, members read, functions it is passed to.</summary>
    public BodyNode BodyUse { get; } = new();
    public SchemaModel? QuerySchema { get; set; }
    public SchemaModel? ParamsSchema { get; set; }
    public SchemaModel? HeadersSchema { get; set; }
    public HashSet<string> QueryNames { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HeaderNames { get; } = new(StringComparer.OrdinalIgnoreCase);
    public SortedSet<int> StatusCodes { get; } = [];
    public SchemaModel? ResponseBody { get; set; }
    public bool RequiresAuth { get; set; }

    /// <summary>Adds an express-validator field to the schema of its segment (body, query, params, headers).</summary>
    public void AddValidatedField(ValidatedField field)
    {
        var current = field.Segment switch
        {
            "body" => ValidatedBody,
            "query" => QuerySchema,
            "params" => ParamsSchema,
            _ => HeadersSchema,
        } ?? new SchemaModel { Type = "object" };
        var updated = current with
        {
            Properties = new Dictionary<string, SchemaModel>(current.Properties) { [field.Name] = field.Schema },
            Required = field.Required && !current.Required.Contains(field.Name) ? [.. current.Required, field.Name] : current.Required,
        };
        switch (field.Segment)
        {
            case "body": ValidatedBody = updated; break;
            case "query": QuerySchema = updated; break;
            case "params": ParamsSchema = updated; break;
            default: HeadersSchema = updated; break;
        }
    }

    public SchemaModel? Body => ValidatedBody ?? TypedBody ?? BodyUse.ToSchema();

    /// <summary>Body members known only by the name the handler reads (no type, no validation): sent as text.</summary>
    public IReadOnlyList<string> UntypedBodyMembers => ValidatedBody is null && TypedBody is null ? [.. BodyUse.UntypedLeaves()] : [];
}

/// <summary>
/// Reads a route's handlers without running them: validation middleware (zod, Joi/celebrate, class-validator DTOs),
/// <c>Request&lt;Params, ResBody, ReqBody, ReqQuery&gt;</c> generics, <c>req.body as T</c>, typed destructuring,
/// <c>req.query.x</c>, <c>req.header('x')</c> and <c>res.status(n)</c>.
/// </summary>
internal sealed class HandlerInspector(ExpressProject project, ExpressInterpreter interpreter, TsSchemaBuilder schemas)
{
    private readonly BodyUsage _bodyUsage = new(project, interpreter, schemas);

    private static readonly HashSet<string> RequestTypeNames = ["Request", "express.Request", "e.Request", "ExpressRequest"];
    private static readonly HashSet<string> ParseMethods = ["parse", "safeParse", "parseAsync", "safeParseAsync", "validate", "validateAsync", "validateSync", "cast"];
    private static readonly HashSet<string> IgnoredHeaders = ["authorization", "content-type", "accept", "user-agent", "host", "content-length", "cookie"];

    public HandlerFacts Inspect(IReadOnlyList<HandlerRef> handlers)
    {
        var facts = new HandlerFacts();
        for (var i = 0; i < handlers.Count; i++)
        {
            var handler = handlers[i];
            var isLast = i == handlers.Count - 1;
            if (!isLast && interpreter.Middleware.RequiresAuth(handler.Expr, SafeEvaluate(handler.Expr, handler.Scope)))
            {
                facts.RequiresAuth = true;
            }

            InspectHandler(handler.Expr, handler.Scope, facts, 0);
        }

        return facts;
    }

    private void InspectHandler(TsExpr expr, Scope scope, HandlerFacts facts, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        // `const validateCart = validate(schema)`: read the middleware as written, not its runtime value.
        if (expr is IdentExpr id && scope.Lookup(id.Name) is { Init: CallExpr init, InitScope: { } initScope })
        {
            InspectHandler(init, initScope, facts, depth + 1);
            return;
        }

        if (expr is ArrayExpr array)
        {
            foreach (var element in array.Elements)
            {
                InspectHandler(element, scope, facts, depth + 1);
            }

            return;
        }

        if (expr is CallExpr middlewareCall && SafeEvaluate(expr, scope) is not ValidatorSchemaValue { Library: "express-validator" })
        {
            // validate(schema), celebrate({...}), validationMiddleware(Dto): the arguments say what is validated.
            ScanMiddlewareArguments(middlewareCall.Arguments, scope, facts);
        }

        var value = SafeEvaluate(expr, scope);
        switch (value)
        {
            case FunctionValue function:
                InspectFunction(function, facts);
                return;
            case ValidatorSchemaValue { Library: "express-validator" } chain:
                if (ExpressValidatorChains.Read(chain.Expr) is { } field)
                {
                    facts.AddValidatedField(field);
                }

                return;
            case ValidatorSchemaValue { Library: "celebrate", Expr: CallExpr celebrate }:
                ScanMiddlewareArguments(celebrate.Arguments, scope, facts);
                return;
            case ValidatorSchemaValue schema:
                Assign(facts, "body", schemas.Validators.Read(schema));
                return;
        }

    }

    private ExValue SafeEvaluate(TsExpr expr, Scope scope) => interpreter.Evaluate(expr, scope);

    private void ScanMiddlewareArguments(IReadOnlyList<TsExpr> args, Scope scope, HandlerFacts facts)
    {
        foreach (var arg in args)
        {
            if (arg is ObjectExpr obj)
            {
                foreach (var property in obj.Properties)
                {
                    var segment = SegmentName(property);
                    if (segment is not null)
                    {
                        ScanValue(property.Value, scope, facts, segment);
                    }
                }

                continue;
            }

            ScanValue(arg, scope, facts, "body");
        }
    }

    private static string? SegmentName(ObjectProperty property)
    {
        var key = property.Key ?? (property.ComputedKey as MemberExpr)?.Name ?? (property.ComputedKey as StringExpr)?.Value;
        return key?.ToLowerInvariant() switch
        {
            "body" => "body",
            "query" => "query",
            "params" => "params",
            "headers" => "headers",
            _ => null,
        };
    }

    private void ScanValue(TsExpr expr, Scope scope, HandlerFacts facts, string segment)
    {
        switch (SafeEvaluate(expr, scope))
        {
            case ValidatorSchemaValue schema:
            {
                var read = schemas.Validators.Read(schema);
                var resolved = schemas.Resolve(read);
                var segmentKeys = new[] { "body", "query", "params", "headers" };
                if (segment == "body" && resolved.Properties.Count > 0 && resolved.Properties.Keys.All(segmentKeys.Contains))
                {
                    // z.object({ body: …, query: …, params: … }) validates the whole request.
                    foreach (var (key, part) in resolved.Properties)
                    {
                        Assign(facts, key, part);
                    }
                }
                else
                {
                    Assign(facts, segment, read);
                }

                break;
            }
            case TypeDeclValue { Declaration: TsClass dto } declaration:
                Assign(facts, segment, schemas.FromDeclaration(dto, declaration.Module, []));
                break;
        }
    }

    private static void Assign(HandlerFacts facts, string segment, SchemaModel schema)
    {
        switch (segment)
        {
            case "body":
                facts.ValidatedBody ??= schema;
                break;
            case "query":
                facts.QuerySchema ??= schema;
                break;
            case "params":
                facts.ParamsSchema ??= schema;
                break;
            case "headers":
                facts.HeadersSchema ??= schema;
                break;
        }
    }

    private void InspectFunction(FunctionValue function, HandlerFacts facts) => InspectFunction(function, facts, 0, 1, 0);

    /// <summary>A function that handles the request it gets as parameter <paramref name="requestAt"/> (and the response as <paramref name="responseAt"/>, -1 when it has none).</summary>
    private void InspectFunction(FunctionValue function, HandlerFacts facts, int requestAt, int responseAt, int depth)
    {
        var module = function.Closure.Module;
        var parameters = function.Function.Parameters;
        var requestName = requestAt >= 0 && requestAt < parameters.Count && parameters[requestAt].Pattern is NamePattern n ? n.Name : requestAt == 0 ? "req" : "";
        var responseName = responseAt >= 0 && responseAt < parameters.Count && parameters[responseAt].Pattern is NamePattern r ? r.Name : responseAt == 1 ? "res" : "";
        if (requestAt >= 0 && requestAt < parameters.Count && parameters[requestAt].Type is { } requestType)
        {
            ReadRequestType(requestType, module, facts, 0);
        }

        facts.BodyUse.MergeFrom(_bodyUsage.OfHandler(function, requestName));
        var calls = new List<CallExpr>();
        foreach (var node in TsWalker.Descendants(function.Function))
        {
            if (node is CallExpr call)
            {
                calls.Add(call);
            }

            switch (node)
            {
                case VarDeclarator { Pattern: ObjectPattern pattern, Init: { } init } when IsRequestMember(Unwrap(init), requestName, "query"):
                    facts.QueryNames.UnionWith(pattern.Members.Select(m => m.Key).Where(k => k != "..."));
                    break;
                case MemberExpr { Target: var target, Name: var name } when IsRequestMember(target, requestName, "query"):
                    facts.QueryNames.Add(name);
                    break;
                case IndexExpr { Target: var target, Index: StringExpr header } when IsRequestMember(target, requestName, "headers"):
                    AddHeader(facts, header.Value);
                    break;
                case CallExpr { Callee: MemberExpr { Target: IdentExpr { Name: var who }, Name: "header" or "get" }, Arguments: [StringExpr header] }
                    when who == requestName:
                    AddHeader(facts, header.Value);
                    break;
                case CallExpr { Callee: MemberExpr { Target: IdentExpr { Name: var who }, Name: "status" or "sendStatus" }, Arguments: [NumberExpr code] }
                    when who == responseName && int.TryParse(code.Raw, out var status) && status is >= 100 and < 600:
                    facts.StatusCodes.Add(status);
                    break;
                case CallExpr { Callee: MemberExpr { Target: var schemaExpr, Name: var method }, Arguments: [var arg, ..] }
                    when ParseMethods.Contains(method) && IsRequestMember(Unwrap(arg), requestName, "body"):
                    if (SafeEvaluate(schemaExpr, function.Closure) is ValidatorSchemaValue validator)
                    {
                        facts.ValidatedBody ??= schemas.Validators.Read(validator);
                    }

                    break;
                case CallExpr { Callee: IdentExpr { Name: "plainToInstance" or "plainToClass" }, Arguments: [var dto, var arg, ..] }
                    when IsRequestMember(Unwrap(arg), requestName, "body"):
                    if (SafeEvaluate(dto, function.Closure) is TypeDeclValue { Declaration: TsClass dtoClass } dtoValue)
                    {
                        facts.ValidatedBody ??= schemas.FromDeclaration(dtoClass, dtoValue.Module, []);
                    }

                    break;
            }
        }

        FollowRequest(function, calls, facts, requestName, responseName, depth);
    }

    /// <summary>
    /// A function of the app handed the request or the response handles it too: <c>(req, res) => controller.update(req, res)</c>,
    /// the <c>fn(req, res, next)</c> inside an <c>asyncHandler(fn)</c> wrapper, a base class's <c>this.created(res, data)</c>.
    /// Only name chains are evaluated (no app code runs).
    /// </summary>
    private void FollowRequest(FunctionValue function, IReadOnlyList<CallExpr> calls, HandlerFacts facts, string requestName, string responseName, int depth)
    {
        if (depth >= 3)
        {
            return;
        }

        foreach (var call in calls)
        {
            var requestAt = IndexOfName(call.Arguments, requestName);
            var responseAt = IndexOfName(call.Arguments, responseName);
            if ((requestAt >= 0 || responseAt >= 0) && call.Callee.IsNameChain
                && SafeEvaluate(call.Callee, function.Closure) is FunctionValue callee && !ReferenceEquals(callee.Function, function.Function))
            {
                InspectFunction(callee, facts, requestAt, responseAt, depth + 1);
            }
        }
    }

    private static int IndexOfName(IReadOnlyList<TsExpr> arguments, string name)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (name.Length > 0 && arguments[i] is IdentExpr { Name: var argument } && argument == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddHeader(HandlerFacts facts, string name)
    {
        if (!IgnoredHeaders.Contains(name))
        {
            facts.HeaderNames.Add(name);
        }
    }

    private static TsExpr Unwrap(TsExpr expr) => expr is AsExpr a ? Unwrap(a.Value) : expr;

    private static bool IsRequestMember(TsExpr expr, string requestName, string member) =>
        expr is MemberExpr { Target: IdentExpr { Name: var who }, Name: var name } && who == requestName && name == member;

    /// <summary>Request&lt;P, ResBody, ReqBody, ReqQuery&gt;, an alias of it, or an interface extending Request with body/query members.</summary>
    private void ReadRequestType(TsType type, ModuleInfo module, HandlerFacts facts, int depth)
    {
        if (depth > 6 || type is not TypeRef reference)
        {
            return;
        }

        if (RequestTypeNames.Contains(reference.Name) || reference.Name.EndsWith(".Request", StringComparison.Ordinal))
        {
            var args = reference.Arguments;
            if (args.Count > 1 && !IsEmpty(args[1]))
            {
                facts.ResponseBody ??= schemas.FromType(args[1], module);
            }

            if (args.Count > 2 && !IsEmpty(args[2]))
            {
                facts.TypedBody ??= schemas.FromType(args[2], module);
            }

            if (args.Count > 3 && !IsEmpty(args[3]))
            {
                facts.QuerySchema ??= schemas.FromType(args[3], module);
            }

            if (args.Count > 0 && !IsEmpty(args[0]))
            {
                facts.ParamsSchema ??= schemas.FromType(args[0], module);
            }

            return;
        }

        if (project.ResolveType(module, reference.Name) is not { } found)
        {
            return;
        }

        switch (found.Declaration)
        {
            case TsTypeAlias { Type: TypeRef target } alias:
            {
                // type TypedRequest<T> = Request<{}, {}, T>: substitute the alias's parameters.
                var map = new Dictionary<string, TsType>(StringComparer.Ordinal);
                for (var i = 0; i < alias.TypeParameters.Count && i < reference.Arguments.Count; i++)
                {
                    map[alias.TypeParameters[i]] = reference.Arguments[i];
                }

                var substituted = new TypeRef(target.Name,
                    target.Arguments.Select(a => a is TypeRef { Arguments.Count: 0 } r && map.TryGetValue(r.Name, out var bound) ? bound : a).ToList(), target.Line);
                ReadRequestType(substituted, module, facts, depth + 1);
                break;
            }
            case TsInterface request:
                foreach (var member in request.Members)
                {
                    if (member.Type is null)
                    {
                        continue;
                    }

                    switch (member.Name)
                    {
                        case "body":
                            facts.TypedBody ??= schemas.FromType(member.Type, found.Module);
                            break;
                        case "query":
                            facts.QuerySchema ??= schemas.FromType(member.Type, found.Module);
                            break;
                        case "params":
                            facts.ParamsSchema ??= schemas.FromType(member.Type, found.Module);
                            break;
                    }
                }

                foreach (var extended in request.Extends)
                {
                    ReadRequestType(extended, found.Module, facts, depth + 1);
                }

                break;
        }
    }

    private static bool IsEmpty(TsType type) =>
        type is TypeLiteral { Members.Count: 0 } || type is TypeRef { Name: "any" or "unknown" or "never" or "ParamsDictionary" or "ParsedQs" or "object" or "Record" };
}
