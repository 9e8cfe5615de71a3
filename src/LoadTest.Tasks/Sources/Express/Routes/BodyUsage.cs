using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Schemas;
using LoadTest.Tasks.Sources.Express.Semantics;
using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Routes;

/// <summary>
/// A part of the request body as a handler uses it: the type it is given (a typed parameter of a function it is passed
/// to, <c>as T</c>, <c>const x: T = …</c>) or the members read from it (<c>req.body.user.email</c>).
/// </summary>
internal sealed class BodyNode
{
    public SchemaModel? Typed { get; set; }
    public Dictionary<string, BodyNode> Members { get; } = new(StringComparer.Ordinal);

    public BodyNode Child(string name)
    {
        if (!Members.TryGetValue(name, out var child))
        {
            Members[name] = child = new BodyNode();
        }

        return child;
    }

    public BodyNode At(IEnumerable<string> path) => path.Aggregate(this, (node, name) => node.Child(name));

    public bool IsEmpty => Typed is null && Members.Count == 0;

    public void MergeFrom(BodyNode other)
    {
        Typed ??= other.Typed;
        foreach (var (name, child) in other.Members)
        {
            Child(name).MergeFrom(child);
        }
    }

    /// <summary>The schema: the type when one is known, else an object of the members read (all required: the handler reads them).</summary>
    public SchemaModel? ToSchema()
    {
        if (Typed is not null)
        {
            return Typed;
        }

        if (Members.Count == 0)
        {
            return null;
        }

        return new SchemaModel
        {
            Type = "object",
            Properties = Members.ToDictionary(m => m.Key, m => m.Value.ToSchema() ?? new SchemaModel(), StringComparer.Ordinal),
            Required = [.. Members.Keys],
        };
    }

    /// <summary>Dotted paths of members known only by name (their values are sent as text).</summary>
    public IEnumerable<string> UntypedLeaves(string prefix = "")
    {
        if (Typed is not null)
        {
            yield break;
        }

        foreach (var (name, child) in Members)
        {
            var path = prefix.Length == 0 ? name : prefix + "." + name;
            if (child.IsEmpty)
            {
                yield return path;
            }

            foreach (var leaf in child.UntypedLeaves(path))
            {
                yield return leaf;
            }
        }
    }
}

/// <summary>
/// Follows the request body through a handler: member chains (<c>req.body.user</c>), locals holding them
/// (<c>const { user } = req.body</c>), and values passed to functions of the app — into the typed parameter they
/// arrive in (<c>createUser(input: RegisterInput)</c>, also when spread into an object literal), or, for an untyped
/// parameter, into the members that function reads. LT1111 when a body value reaches a function whose parameter
/// says nothing about it.
/// </summary>
internal sealed class BodyUsage(ExpressProject project, ExpressInterpreter interpreter, TsSchemaBuilder schemas)
{
    private const int MaxFollowDepth = 4;

    /// <summary>Method names called on a value: reading them is not reading a body member.</summary>
    private static readonly HashSet<string> ValueMembers = ["length", "toString", "valueOf"];

    /// <summary>How the handler uses <c>{requestName}.body</c>.</summary>
    public BodyNode OfHandler(FunctionValue handler, string requestName) =>
        Analyse(handler, e => e is MemberExpr { Target: IdentExpr { Name: var who }, Name: "body" } && who == requestName, 0);

    private BodyNode Analyse(FunctionValue function, Func<TsExpr, bool> isRoot, int depth)
    {
        var root = new BodyNode();
        // In source order, so members keep the order the code reads them in (the walker goes depth first, last first).
        var nodes = TsWalker.Descendants(function.Function).OrderBy(n => n switch { TsNode t => t.Line, VarDeclarator d => d.Line, _ => 0 }).ToList();
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        List<string>? PathOf(TsExpr expr)
        {
            switch (expr)
            {
                case AsExpr a:
                    return PathOf(a.Value);
                case var _ when isRoot(expr):
                    return [];
                case MemberExpr { Target: var target, Name: var name } when PathOf(target) is { } parent:
                    return [.. parent, name];
                case IndexExpr { Target: var target, Index: StringExpr key } when PathOf(target) is { } parent:
                    return [.. parent, key.Value];
                case IdentExpr { Name: var local } when aliases.TryGetValue(local, out var aliased):
                    return aliased;
                default:
                    return null;
            }
        }

        // Locals that hold a part of the body, declared in any order (two passes reach chains of two).
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var declarator in nodes.OfType<VarDeclarator>())
            {
                if (declarator.Init is null || PathOf(declarator.Init) is not { } path)
                {
                    continue;
                }

                switch (declarator.Pattern)
                {
                    case NamePattern name:
                        aliases[name.Name] = path;
                        break;
                    case ObjectPattern pattern:
                        foreach (var (key, value) in pattern.Members.Where(m => m.Key != "..."))
                        {
                            if (value is NamePattern target)
                            {
                                aliases[target.Name] = [.. path, key];
                            }
                        }

                        break;
                }
            }
        }

        var callees = new HashSet<TsExpr>(nodes.OfType<CallExpr>().Select(c => c.Callee), ReferenceEqualityComparer.Instance);
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MemberExpr { Target: var target, Name: var name } member when PathOf(target) is { } parent && !callees.Contains(member) && !ValueMembers.Contains(name):
                    root.At([.. parent, name]);
                    break;
                case VarDeclarator { Pattern: ObjectPattern pattern, Init: { } init } when PathOf(init) is { } path:
                    foreach (var (key, _) in pattern.Members.Where(m => m.Key != "..."))
                    {
                        root.At([.. path, key]);
                    }

                    break;
                case VarDeclarator { Type: { } type, Init: { } init } when PathOf(init) is { } path:
                    root.At(path).Typed ??= schemas.FromType(type, function.Closure.Module);
                    break;
                case AsExpr { Value: var value, Type: var type } when PathOf(value) is { } path && type is not TypeRef { Name: "any" or "unknown" or "const" }:
                    root.At(path).Typed ??= schemas.FromType(type, function.Closure.Module);
                    break;
                case CallExpr call when depth < MaxFollowDepth:
                    FollowArguments(call, function, PathOf, root, depth);
                    break;
            }
        }

        return root;
    }

    private void FollowArguments(CallExpr call, FunctionValue caller, Func<TsExpr, List<string>?> pathOf, BodyNode root, int depth)
    {
        for (var index = 0; index < call.Arguments.Count; index++)
        {
            var argument = call.Arguments[index];
            if (pathOf(argument) is { } path)
            {
                Follow(call, index, caller, root.At(path), new HashSet<string>(), depth);
                continue;
            }

            // createUser({ ...req.body.user, demo: false }): the spread part is the parameter's type less the members set here.
            if (argument is ObjectExpr literal)
            {
                var explicitKeys = literal.Properties.Where(p => p.Key is not null and not "...").Select(p => p.Key!).ToHashSet(StringComparer.Ordinal);
                foreach (var spread in literal.Properties.Where(p => p.Key == "..."))
                {
                    if (pathOf(spread.Value) is { } spreadPath)
                    {
                        Follow(call, index, caller, root.At(spreadPath), explicitKeys, depth);
                    }
                }
            }
        }
    }

    private void Follow(CallExpr call, int index, FunctionValue caller, BodyNode target, IReadOnlySet<string> setByCaller, int depth)
    {
        // Only names and member chains are evaluated: evaluating a call here would run app code a second time.
        if (target.Typed is not null || !call.Callee.IsNameChain || interpreter.Evaluate(call.Callee, caller.Closure) is not FunctionValue callee)
        {
            // A library function (bcrypt.hash, res.json…) says nothing about the value's shape.
            return;
        }

        var parameters = callee.Function.Parameters;
        if (index >= parameters.Count || parameters[index].IsRest)
        {
            return;
        }

        var parameter = parameters[index];
        if (parameter.Type is { } type && type is not TypeRef { Name: "any" or "unknown" or "object" or "Object" or "Record" })
        {
            target.Typed = Without(schemas.FromType(type, callee.Closure.Module), setByCaller);
            return;
        }

        // Untyped (JavaScript, any): the members the function reads from the parameter, followed further.
        BodyNode used;
        switch (parameter.Pattern)
        {
            case NamePattern { Name: var name }:
                used = Analyse(callee, e => e is IdentExpr { Name: var id } && id == name, depth + 1);
                break;
            case ObjectPattern pattern:
                used = new BodyNode();
                foreach (var (key, _) in pattern.Members.Where(m => m.Key != "..."))
                {
                    used.Child(key);
                }

                break;
            default:
                return;
        }

        foreach (var key in setByCaller)
        {
            used.Members.Remove(key);
        }

        if (used.IsEmpty)
        {
            var module = callee.Closure.Module;
            project.Diagnostics.Warn(ExpressCodes.UntypedBodyValue,
                $"A request body value reaches {call.Callee.TrailingName ?? callee.Function.Name ?? "a function"}() in {module.RelativePath}, whose parameter '{ParameterName(parameter)}' has no type and whose members are not read there; it is sent as an empty object.",
                caller.Closure.Module.File, call.Line,
                $"Give the parameter a type (e.g. '{ParameterName(parameter)}: RegisterInput') or validate the body (zod, Joi/celebrate, express-validator).");
            target.Typed = new SchemaModel { Type = "object" };
            return;
        }

        target.MergeFrom(used);
    }

    private static string ParameterName(TsParam parameter) => parameter.Pattern is NamePattern n ? n.Name : "{…}";

    /// <summary>The type less the members the caller sets itself (they are not the client's to send).</summary>
    private SchemaModel Without(SchemaModel schema, IReadOnlySet<string> members)
    {
        if (members.Count == 0)
        {
            return schema;
        }

        var resolved = schemas.Resolve(schema);
        if (!resolved.Properties.Keys.Any(members.Contains))
        {
            return schema;
        }

        return resolved with
        {
            Properties = resolved.Properties.Where(p => !members.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Required = [.. resolved.Required.Where(r => !members.Contains(r))],
        };
    }
}
