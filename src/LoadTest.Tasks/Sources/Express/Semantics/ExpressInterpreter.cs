using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Semantics;

/// <summary>
/// Runs an Express app "on paper": evaluates what is statically knowable (strings, imports, routers, functions
/// called with routers) and records every <c>app.METHOD</c> / <c>router.METHOD</c> / <c>use</c> / <c>route()</c>
/// call on the routers they target. Handlers are never run; they are inspected later.
/// </summary>
internal sealed class ExpressInterpreter
{
    public static readonly HashSet<string> RouteMethods = ["get", "post", "put", "delete", "patch", "options", "head", "all"];

    private static readonly HashSet<string> ValidatorPackages = ["zod", "joi", "@hapi/joi", "celebrate", "yup", "express-validator"];
    private static readonly HashSet<string> RouterParameterTypes =
        ["Router", "express.Router", "Express", "express.Express", "Application", "express.Application", "IRouter", "core.Express"];

    private const int MaxCallDepth = 24;
    private const int MaxCalls = 20_000;
    private const int MaxEvaluateDepth = 400;

    private readonly ExpressProject _project;
    private readonly DiagnosticBag _diagnostics;
    // Syntax nodes are records: compare by identity, not by (deep, recursive) value.
    private readonly HashSet<FunctionExpr> _calledFunctions = new(ReferenceEqualityComparer.Instance);
    private int _callDepth;
    private int _calls;
    private int _evaluateDepth;
    private MiddlewareJudge? _middleware;

    public ExpressInterpreter(ExpressProject project)
    {
        _project = project;
        _diagnostics = project.Diagnostics;
    }

    public List<RouterNode> Routers { get; } = [];

    public void Run(CancellationToken cancellationToken)
    {
        foreach (var module in _project.Modules)
        {
            Hoist(module);
        }

        foreach (var module in _project.Modules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            EnsureExecuted(module);
        }

        // Registration functions nobody calls (e.g. exported for a test harness): run them once with fresh routers
        // so their routes are still found; those routers are reported as not mounted.
        foreach (var module in _project.Modules)
        {
            foreach (var (function, scope) in module.TopFunctions.ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_calledFunctions.Contains(function))
                {
                    continue;
                }

                var args = function.Parameters.Select(p => (ExValue)(IsRouterParameter(p)
                    ? new RouterValue(NewRouter(module, p.Line, false, $"parameter '{NameOf(p)}' of {function.Name ?? "an exported function"}"))
                    : UnknownValue.Instance)).ToList();
                Call(new FunctionValue(function, scope), args, function.Line);
            }
        }
    }

    private static string NameOf(TsParam parameter) => parameter.Pattern is NamePattern n ? n.Name : "?";

    private static bool IsRouterParameter(TsParam parameter)
    {
        if (parameter.Pattern is not NamePattern { Name: var name } || name is "req" or "res" or "next" or "request" or "response" or "err" or "error")
        {
            return false;
        }

        return parameter.Type is null || parameter.Type is TypeRef t && RouterParameterTypes.Contains(t.Name);
    }

    private RouterNode NewRouter(ModuleInfo module, int line, bool isApp, string origin)
    {
        var node = new RouterNode(module.File, line, isApp, origin);
        Routers.Add(node);
        return node;
    }

    // ---------- modules ----------

    private void Hoist(ModuleInfo module)
    {
        if (module.Hoisted)
        {
            return;
        }

        module.Hoisted = true;
        foreach (var statement in module.Syntax.Statements)
        {
            HoistModuleStatement(module, statement);
        }

        HoistDeclarations(module.Syntax.Statements, module.Scope, topLevel: true);
    }

    private void HoistModuleStatement(ModuleInfo module, TsStatement statement)
    {
        var scope = module.Scope;
        switch (statement)
        {
            case ImportStatement import:
                if (import.DefaultName is { } defaultName)
                {
                    module.Imports[defaultName] = (import.Module, "default");
                    scope.Declare(defaultName, new Binding(() => ImportValue(module, import.Module, "default", import.Line)));
                }

                if (import.NamespaceName is { } namespaceName)
                {
                    module.Imports[namespaceName] = (import.Module, "*");
                    scope.Declare(namespaceName, new Binding(() => ImportValue(module, import.Module, "*", import.Line)));
                }

                foreach (var (imported, local) in import.Named)
                {
                    module.Imports[local] = (import.Module, imported);
                    scope.Declare(local, new Binding(() => ImportValue(module, import.Module, imported, import.Line)));
                }

                break;
            case ExportNamesStatement export:
                if (export.All && export.FromModule is { } starFrom)
                {
                    module.StarExports.Add(starFrom);
                }

                foreach (var (local, exported) in export.Names)
                {
                    if (export.FromModule is { } from)
                    {
                        module.ReExports[exported] = (from, local);
                        module.Exports[exported] = new Binding(() => ImportValue(module, from, local, export.Line));
                    }
                    else
                    {
                        module.ExportedTypeNames[exported] = local;
                        if (exported == "default")
                        {
                            module.DefaultTypeName = local;
                        }

                        module.Exports[exported] = new Binding(() => Lookup(scope, local));
                    }
                }

                break;
            case ExportDefaultStatement exportDefault:
                module.Exports["default"] = new Binding(() => Evaluate(exportDefault.Value, scope), exportDefault.Value, scope);
                if (exportDefault.Value is IdentExpr id)
                {
                    module.DefaultTypeName = id.Name;
                }

                if (exportDefault.Value is FunctionExpr f)
                {
                    module.TopFunctions.Add((f, scope));
                }

                break;
            case FunctionStatement { Exported: true } fs:
                var functionValue = new FunctionValue(fs.Function, scope);
                module.Exports[fs.IsDefault ? "default" : fs.Function.Name ?? "default"] = Binding.Of(functionValue);
                break;
            case TypeDeclStatement { Exported: true } ts:
                module.ExportedTypeNames[ts.Declaration.Name] = ts.Declaration.Name;
                if (ts.IsDefault)
                {
                    module.DefaultTypeName = ts.Declaration.Name;
                    module.Exports["default"] = Binding.Of(new TypeDeclValue(ts.Declaration, module));
                }

                module.Exports[ts.Declaration.Name] = Binding.Of(new TypeDeclValue(ts.Declaration, module));
                break;
            case VarStatement { Exported: true } vs:
                foreach (var declarator in vs.Declarators)
                {
                    foreach (var name in PatternNames(declarator.Pattern))
                    {
                        module.Exports[name] = new Binding(() => Lookup(scope, name));
                    }
                }

                break;
        }
    }

    /// <summary>Declares a block's functions, variables and types in <paramref name="scope"/> (all lazily evaluated).</summary>
    private void HoistDeclarations(IReadOnlyList<TsStatement> statements, Scope scope, bool topLevel)
    {
        foreach (var statement in statements)
        {
            switch (statement)
            {
                case FunctionStatement fs:
                    if (fs.Function.Name is { } name)
                    {
                        scope.Declare(name, Binding.Of(new FunctionValue(fs.Function, scope)));
                    }

                    if (topLevel)
                    {
                        scope.Module.TopFunctions.Add((fs.Function, scope));
                    }

                    break;
                case VarStatement vs:
                    foreach (var declarator in vs.Declarators)
                    {
                        DeclarePattern(declarator, scope);
                        if (topLevel && declarator.Init is FunctionExpr f)
                        {
                            scope.Module.TopFunctions.Add((f, scope));
                        }
                    }

                    break;
                case TypeDeclStatement ts:
                    scope.Declare(ts.Declaration.Name, Binding.Of(new TypeDeclValue(ts.Declaration, scope.Module)));
                    if (topLevel)
                    {
                        scope.Module.LocalTypes[ts.Declaration.Name] = ts.Declaration;
                    }

                    break;
                case TsBlock block when topLevel:
                    // `declare global { … }` / namespaces: their types are visible module-wide.
                    HoistDeclarations(block.Statements, scope, topLevel);
                    break;
            }
        }
    }

    private void DeclarePattern(VarDeclarator declarator, Scope scope)
    {
        var init = declarator.Init;
        switch (declarator.Pattern)
        {
            case NamePattern name:
                scope.Declare(name.Name, new Binding(() => init is null ? UnknownValue.Instance : Evaluate(init, scope), init, scope, declarator.Type));
                break;
            case ObjectPattern obj:
            {
                var source = new Binding(() => init is null ? UnknownValue.Instance : Evaluate(init, scope), init, scope);
                foreach (var (key, value) in obj.Members)
                {
                    if (value is NamePattern target && key != "...")
                    {
                        scope.Declare(target.Name, new Binding(() => Member(source.Value, key, declarator.Line)));
                    }
                }

                break;
            }
            default:
                foreach (var name in PatternNames(declarator.Pattern))
                {
                    scope.Declare(name, Binding.Of(UnknownValue.Instance));
                }

                break;
        }
    }

    private static IEnumerable<string> PatternNames(TsPattern pattern) => pattern switch
    {
        NamePattern n => [n.Name],
        ObjectPattern o => o.Members.SelectMany(m => PatternNames(m.Value)),
        ArrayPattern a => a.Elements.Where(e => e is not null).SelectMany(e => PatternNames(e!)),
        _ => [],
    };

    private void EnsureExecuted(ModuleInfo module)
    {
        if (module.Executed || module.Executing)
        {
            return;
        }

        Hoist(module);
        module.Executing = true;
        try
        {
            Execute(module.Syntax.Statements, module.Scope);
        }
        finally
        {
            module.Executing = false;
            module.Executed = true;
        }
    }

    private ExValue ImportValue(ModuleInfo from, string specifier, string imported, int line)
    {
        if (specifier == "express")
        {
            return imported switch
            {
                "default" or "*" => new ExpressModuleValue(),
                "Router" => new RouterFactoryValue(),
                _ => new PackageValue("express", imported, []),
            };
        }

        if (ValidatorPackages.Contains(specifier))
        {
            var library = specifier.Contains("joi", StringComparison.Ordinal) || imported == "Joi" ? "joi" : specifier;
            return new LibraryValue(library, imported);
        }

        if (ExpressProject.IsPackage(specifier))
        {
            return new PackageValue(specifier, imported == "*" ? "default" : imported, []);
        }

        var target = _project.Resolve(from, specifier, line);
        if (target is null)
        {
            return new UnknownValue($"module '{specifier}'");
        }

        return imported == "*" ? new ModuleValue(target) : GetExport(target, imported);
    }

    private ExValue GetExport(ModuleInfo module, string name, int depth = 0)
    {
        if (depth > 16)
        {
            return UnknownValue.Instance;
        }

        Hoist(module);
        if (module.Exports.TryGetValue(name, out var binding))
        {
            return binding.Value;
        }

        EnsureExecuted(module);
        if (name == "default" && module.CommonJsExports is { } cjs)
        {
            return cjs;
        }

        if (module.CommonJsNamed.TryGetValue(name, out var named))
        {
            return named;
        }

        if (module.CommonJsExports is { } exportsObject && name != "default")
        {
            return Member(exportsObject, name, 0);
        }

        foreach (var star in module.StarExports)
        {
            var target = _project.Resolve(module, star, 0);
            if (target is not null)
            {
                var value = GetExport(target, name, depth + 1);
                if (value is not UnknownValue)
                {
                    return value;
                }
            }
        }

        return name == "default" ? new ModuleValue(module) : new UnknownValue($"export '{name}' of {module.RelativePath}");
    }

    private ExValue Require(ModuleInfo from, string specifier, int line)
    {
        if (specifier == "express" || ValidatorPackages.Contains(specifier))
        {
            return ImportValue(from, specifier, "default", line);
        }

        if (ExpressProject.IsPackage(specifier))
        {
            return new PackageValue(specifier, "default", []);
        }

        var target = _project.Resolve(from, specifier, line);
        if (target is null)
        {
            return new UnknownValue($"module '{specifier}'");
        }

        EnsureExecuted(target);
        if (target.CommonJsExports is { } cjs)
        {
            return cjs;
        }

        return new ModuleValue(target);
    }

    // ---------- statements ----------

    /// <summary>Runs statements for their route registrations; returns the first value returned, if any.</summary>
    private ExValue? Execute(IReadOnlyList<TsStatement> statements, Scope scope)
    {
        ExValue? returned = null;
        foreach (var statement in statements)
        {
            var value = ExecuteStatement(statement, scope);
            returned ??= value;
        }

        return returned;
    }

    private ExValue? ExecuteStatement(TsStatement statement, Scope scope)
    {
        switch (statement)
        {
            case ExprStatement es:
                Evaluate(es.Expr, scope);
                return null;
            case VarStatement vs:
                foreach (var declarator in vs.Declarators)
                {
                    foreach (var name in PatternNames(declarator.Pattern))
                    {
                        _ = scope.Lookup(name)?.Value;
                    }
                }

                return null;
            case ExportDefaultStatement ed:
                return scope.Module.Exports.TryGetValue("default", out var d) ? Force(d) : Evaluate(ed.Value, scope);
            case ReturnStatement rs:
                return rs.Value is null ? UnknownValue.Instance : Evaluate(rs.Value, scope);
            case TsBlock block:
            {
                var inner = new Scope(scope.Module, scope);
                HoistDeclarations(block.Statements, inner, topLevel: false);
                return Execute(block.Statements, inner);
            }
            case CompoundStatement compound:
            {
                ExValue? returned = null;
                foreach (var body in compound.Bodies)
                {
                    returned ??= ExecuteStatement(body, scope);
                }

                return returned;
            }
            default:
                return null;
        }
    }

    private static ExValue Force(Binding binding) => binding.Value;

    // ---------- functions ----------

    public ExValue Call(FunctionValue function, IReadOnlyList<ExValue> args, int line)
    {
        _calledFunctions.Add(function.Function);
        if (_callDepth >= MaxCallDepth || ++_calls > MaxCalls)
        {
            return UnknownValue.Instance;
        }

        _callDepth++;
        try
        {
            var scope = new Scope(function.Closure.Module, function.Closure);
            for (var i = 0; i < function.Function.Parameters.Count; i++)
            {
                var parameter = function.Function.Parameters[i];
                var value = i < args.Count ? args[i] : parameter.Default is { } def ? Evaluate(def, function.Closure) : UnknownValue.Instance;
                BindParameter(parameter.Pattern, value, scope, parameter.Type);
            }

            if (function.Function.ExpressionBody is { } expression)
            {
                return Evaluate(expression, scope);
            }

            if (function.Function.Body is { } body)
            {
                HoistDeclarations(body.Statements, scope, topLevel: false);
                return Execute(body.Statements, scope) ?? UnknownValue.Instance;
            }

            return UnknownValue.Instance;
        }
        finally
        {
            _callDepth--;
        }
    }

    private void BindParameter(TsPattern pattern, ExValue value, Scope scope, TsType? type)
    {
        switch (pattern)
        {
            case NamePattern name:
                scope.Declare(name.Name, new Binding(() => value, null, null, type));
                break;
            case ObjectPattern obj:
                foreach (var (key, member) in obj.Members)
                {
                    if (member is NamePattern target)
                    {
                        scope.Declare(target.Name, new Binding(() => Member(value, key, pattern.Line)));
                    }
                }

                break;
            default:
                foreach (var name in PatternNames(pattern))
                {
                    scope.Declare(name, Binding.Of(UnknownValue.Instance));
                }

                break;
        }
    }

    // ---------- expressions ----------

    public ExValue Lookup(Scope scope, string name) =>
        scope.Lookup(name)?.Value ?? name switch
        {
            "undefined" => new UnknownValue("undefined"),
            _ => new UnknownValue($"'{name}'"),
        };

    public ExValue Evaluate(TsExpr expr, Scope scope)
    {
        // Long `a + b + c …` chains parse into deep trees; past this depth nothing static is left to learn.
        if (_evaluateDepth > MaxEvaluateDepth)
        {
            return new UnknownValue("an expression nested too deeply");
        }

        _evaluateDepth++;
        try
        {
            return EvaluateCore(expr, scope);
        }
        finally
        {
            _evaluateDepth--;
        }
    }

    private ExValue EvaluateCore(TsExpr expr, Scope scope)
    {
        switch (expr)
        {
            case StringExpr s:
                return new StringValue(s.Value);
            case NumberExpr n:
                return new NumberValue(n.Raw);
            case RegexExpr:
                return new RegexLikeValue();
            case KeywordExpr { Word: "true" or "false" } k:
                return new BoolValue(k.Word == "true");
            case KeywordExpr { Word: "this" or "super" } k:
                return Lookup(scope, k.Word);
            case TemplateExpr t:
                return EvaluateTemplate(t, scope);
            case IdentExpr id:
                return Lookup(scope, id.Name);
            case MemberExpr m:
                return EvaluateMember(m, scope);
            case IndexExpr ix:
                return Evaluate(ix.Index, scope) is StringValue key ? Member(Evaluate(ix.Target, scope), key.Value, ix.Line) : UnknownValue.Instance;
            case CallExpr call:
                return EvaluateCall(call, scope);
            case NewExpr n:
                return EvaluateNew(n, scope);
            case AsExpr a:
                return Evaluate(a.Value, scope);
            case BinaryExpr b:
                return EvaluateBinary(b, scope);
            case ConditionalExpr c:
            {
                var whenTrue = Evaluate(c.WhenTrue, scope);
                var whenFalse = Evaluate(c.WhenFalse, scope);
                return whenTrue is StringValue t && whenFalse is StringValue f && t.Value == f.Value ? whenTrue : new UnknownValue("a conditional expression");
            }
            case ArrayExpr arr:
                return new ArrayValue(arr.Elements.Select(e => Evaluate(e, scope)).ToList());
            case ObjectExpr obj:
                return EvaluateObject(obj, scope);
            case FunctionExpr f:
                return new FunctionValue(f, scope);
            case ClassExpr c:
                return new TypeDeclValue(c.Class, scope.Module);
            case AssignExpr assign:
                return EvaluateAssign(assign, scope);
            default:
                return UnknownValue.Instance;
        }
    }

    private ExValue EvaluateTemplate(TemplateExpr template, Scope scope)
    {
        var text = template.Quasis[0];
        for (var i = 0; i < template.Substitutions.Count; i++)
        {
            var part = Evaluate(template.Substitutions[i], scope);
            var partText = AsText(part);
            if (partText is null)
            {
                return new UnknownValue($"a template substitution ({Describe(part)})");
            }

            text += partText + (i + 1 < template.Quasis.Count ? template.Quasis[i + 1] : "");
        }

        return new StringValue(text);
    }

    private static string? AsText(ExValue value) => value switch
    {
        StringValue s => s.Value,
        NumberValue n => n.Raw,
        BoolValue b => b.Value ? "true" : "false",
        _ => null,
    };

    private static string Describe(ExValue value) => value switch
    {
        UnknownValue u => u.Reason,
        PackageValue p => $"a value of package '{p.Package}'",
        _ => value.GetType().Name,
    };

    /// <summary>Nothing static is known: an unknown value, or a value of a package (not read).</summary>
    private static bool IsOpaque(ExValue value) => value is UnknownValue or PackageValue;

    private ExValue EvaluateBinary(BinaryExpr binary, Scope scope)
    {
        switch (binary.Operator)
        {
            case "+":
            {
                var left = Evaluate(binary.Left, scope);
                var right = Evaluate(binary.Right, scope);
                if (left is StringValue || right is StringValue)
                {
                    var l = AsText(left);
                    var r = AsText(right);
                    return l is not null && r is not null ? new StringValue(l + r) : new UnknownValue("a string concatenation");
                }

                return UnknownValue.Instance;
            }
            case "||" or "??":
            {
                // `process.env.PREFIX || '/api'`: the static fallback is what the app uses without configuration.
                var left = Evaluate(binary.Left, scope);
                return IsOpaque(left) ? Evaluate(binary.Right, scope) : left;
            }
            default:
                return UnknownValue.Instance;
        }
    }

    private ExValue EvaluateObject(ObjectExpr obj, Scope scope)
    {
        var members = new Dictionary<string, Func<ExValue>>(StringComparer.Ordinal);
        foreach (var property in obj.Properties)
        {
            if (property.Key == "...")
            {
                if (Evaluate(property.Value, scope) is ObjectValue spread)
                {
                    foreach (var (k, v) in spread.Members)
                    {
                        members[k] = v;
                    }
                }

                continue;
            }

            var key = property.Key ?? (property.ComputedKey is { } ck ? AsText(Evaluate(ck, scope)) : null);
            if (key is null)
            {
                continue;
            }

            var value = property.Value;
            var binding = new Binding(() => Evaluate(value, scope));
            members[key] = () => binding.Value;
        }

        return new ObjectValue(members);
    }

    private ExValue EvaluateAssign(AssignExpr assign, Scope scope)
    {
        var value = Evaluate(assign.Value, scope);
        switch (assign.Target)
        {
            case MemberExpr { Target: IdentExpr { Name: "module" }, Name: "exports" }:
                scope.Module.CommonJsExports = value;
                break;
            case MemberExpr { Target: MemberExpr { Target: IdentExpr { Name: "module" }, Name: "exports" }, Name: var name }:
                scope.Module.CommonJsNamed[name] = value;
                break;
            case MemberExpr { Target: IdentExpr { Name: "exports" }, Name: var exportName }:
                scope.Module.CommonJsNamed[exportName] = value;
                break;
            case IdentExpr id when scope.Lookup(id.Name) is { } binding:
                binding.Set(value);
                break;
            case MemberExpr { Target: KeywordExpr { Word: "this" }, Name: var field } when Lookup(scope, "this") is InstanceValue instance:
                instance.Fields[field] = Binding.Of(value);
                break;
        }

        return value;
    }

    private ExValue EvaluateMember(MemberExpr member, Scope scope)
    {
        if (member is { Target: IdentExpr { Name: "process" }, Name: "env" })
        {
            return new UnknownValue("process.env");
        }

        var target = Evaluate(member.Target, scope);
        return Member(target, member.Name, member.Line);
    }

    public ExValue Member(ExValue target, string name, int line) => target switch
    {
        ModuleValue m => GetExport(m.Module, name),
        ObjectValue o => o.Members.TryGetValue(name, out var get) ? get() : new UnknownValue($"member '{name}'"),
        ExpressModuleValue => name == "Router" ? new RouterFactoryValue() : new PackageValue("express", name, []),
        LibraryValue lib => new LibraryValue(lib.Library, name),
        PackageValue package => package.Member(name),
        TypeDeclValue { Declaration: TsEnum e } => EnumMember(e, name, target),
        TypeDeclValue { Declaration: TsClass c } type when c.StaticMethods.FirstOrDefault(m => m.Name == name) is { } method => new FunctionValue(method, type.Module.Scope),
        InstanceValue instance => instance.Fields.TryGetValue(name, out var field) ? field.Value : MethodOf(instance, 0, name),
        SuperValue super => MethodOf(super.Instance, super.Level, name),
        UnknownValue u when u.Reason == "process.env" => new UnknownValue($"process.env.{name}"),
        _ => new UnknownValue($"member '{name}'"),
    };

    private ExValue EnumMember(TsEnum declaration, string name, ExValue enumValue)
    {
        var index = 0;
        foreach (var (memberName, init) in declaration.Members)
        {
            if (memberName == name)
            {
                return init is null ? new NumberValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    : enumValue is TypeDeclValue tv ? Evaluate(init, tv.Module.Scope) : UnknownValue.Instance;
            }

            index++;
        }

        return new UnknownValue($"enum member {declaration.Name}.{name}");
    }

    private ExValue EvaluateNew(NewExpr expr, Scope scope)
    {
        var callee = Evaluate(expr.Callee, scope);
        if (callee is RouterFactoryValue || expr.Callee is IdentExpr { Name: "Router" } or MemberExpr { Name: "Router" })
        {
            return new RouterValue(NewRouterFromOptions(scope, expr.Line, expr.Arguments));
        }

        return callee is TypeDeclValue { Declaration: TsClass type } declaration
            ? Construct(type, declaration.Module, expr.Arguments.Select(a => Evaluate(a, scope)).ToList(), expr.Line)
            : UnknownValue.Instance;
    }

    // ---------- classes ----------

    /// <summary>
    /// <c>new C(args)</c> for a class of the app: fields initialised base first, then the constructor (routes registered
    /// in it or in the methods it calls are found; the instance's methods are followed from the handlers that use them).
    /// </summary>
    private ExValue Construct(TsClass type, ModuleInfo module, IReadOnlyList<ExValue> args, int line)
    {
        if (_callDepth >= MaxCallDepth || ++_calls > MaxCalls)
        {
            return UnknownValue.Instance;
        }

        _callDepth++;
        try
        {
            var instance = new InstanceValue(ClassChain(type, module));
            for (var level = 0; level < instance.Chain.Count; level++)
            {
                var scope = new Scope(instance.Chain[level].Module, instance.Chain[level].Module.Scope);
                scope.Declare("this", Binding.Of(instance));
                scope.Declare("super", Binding.Of(new SuperValue(instance, level + 1)));
                instance.Scopes.Add(scope);
            }

            for (var level = instance.Chain.Count - 1; level >= 0; level--)
            {
                foreach (var member in instance.Chain[level].Class.Members)
                {
                    if (member.Initializer is { } initializer)
                    {
                        instance.Fields[member.Name] = Binding.Of(Evaluate(initializer, instance.Scopes[level]));
                    }
                }
            }

            RunConstructor(instance, 0, args, line);
            return instance;
        }
        finally
        {
            _callDepth--;
        }
    }

    /// <summary>What a dependency-injection container passes a class's constructor: an instance of each parameter typed by a class of the app.</summary>
    private List<ExValue> Injected(TsClass type, ModuleInfo module, int depth = 0)
    {
        // Services that need each other would inject forever; past a few levels the dependency is left unknown.
        if (depth > 4)
        {
            return [];
        }

        var constructor = ClassChain(type, module).Select(level => (level.Class.Constructor, level.Module)).FirstOrDefault(c => c.Constructor is not null);
        if (constructor.Constructor is null)
        {
            return [];
        }

        return [.. constructor.Constructor.Parameters.Select(parameter =>
            parameter.Type is TypeRef { Name: var name } && Lookup(constructor.Module.Scope, name) is TypeDeclValue { Declaration: TsClass dependency } declaration
                ? Construct(dependency, declaration.Module, Injected(dependency, declaration.Module, depth + 1), parameter.Line)
                : UnknownValue.Instance)];
    }

    /// <summary>The first constructor from <paramref name="from"/> up the chain (a class without one passes its arguments on, as JS does).</summary>
    private void RunConstructor(InstanceValue instance, int from, IReadOnlyList<ExValue> args, int line)
    {
        for (var level = from; level < instance.Chain.Count; level++)
        {
            if (instance.Chain[level].Class.Constructor is not { } constructor)
            {
                continue;
            }

            // TypeScript parameter properties (`constructor(private users: UserService)`) are fields.
            var declared = instance.Chain[level].Class.Members.Where(m => m.Initializer is null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < constructor.Parameters.Count && i < args.Count; i++)
            {
                if (constructor.Parameters[i].Pattern is NamePattern { Name: var name } && declared.Contains(name))
                {
                    instance.Fields[name] = Binding.Of(args[i]);
                }
            }

            Call(new FunctionValue(constructor, instance.Scopes[level]), args, line);
            return;
        }
    }

    private ExValue MethodOf(InstanceValue instance, int from, string name)
    {
        for (var level = from; level < instance.Chain.Count; level++)
        {
            if (instance.Chain[level].Class.Methods.FirstOrDefault(m => m.Name == name) is { } method)
            {
                return new FunctionValue(method, instance.Scopes[level]);
            }
        }

        return new UnknownValue($"member '{name}'");
    }

    /// <summary>The class and the classes of the app it extends, nearest first.</summary>
    private List<ClassLevel> ClassChain(TsClass type, ModuleInfo module)
    {
        var chain = new List<ClassLevel> { new(type, module) };
        while (chain.Count < 8 && chain[^1].Class.Extends is TypeRef { Name: var baseName }
               && Lookup(chain[^1].Module.Scope, baseName) is TypeDeclValue { Declaration: TsClass baseType } baseDeclaration
               && chain.All(c => !ReferenceEquals(c.Class, baseType)))
        {
            chain.Add(new ClassLevel(baseType, baseDeclaration.Module));
        }

        return chain;
    }

    private RouterNode NewRouterFromOptions(Scope scope, int line, IReadOnlyList<TsExpr> args)
    {
        var node = NewRouter(scope.Module, line, false, "Router()");
        if (args.Count > 0 && Evaluate(args[0], scope) is ObjectValue options
            && options.Members.TryGetValue("mergeParams", out var merge) && merge() is BoolValue { Value: true })
        {
            node.MergeParams = true;
        }

        return node;
    }

    private ExValue EvaluateCall(CallExpr call, Scope scope)
    {
        if (call.Callee is IdentExpr { Name: "require" } && call.Arguments is [StringExpr spec, ..])
        {
            return Require(scope.Module, spec.Value, call.Line);
        }

        if (call.Callee is MemberExpr member)
        {
            if (member.Name is "bind" or "call" or "apply")
            {
                return Evaluate(member.Target, scope) is FunctionValue bound && member.Name != "bind"
                    ? Call(bound, call.Arguments.Skip(1).Select(a => Evaluate(a, scope)).ToList(), call.Line)
                    : Evaluate(member.Target, scope);
            }

            var target = Evaluate(member.Target, scope);
            switch (target)
            {
                case RouterValue router:
                    return RouterCall(router, member.Name, call, scope);
                case ArrayValue array when member.Name is "forEach" or "map" && call.Arguments is [var callback, ..]
                                          && Evaluate(callback, scope) is FunctionValue each:
                    // `routes.forEach(route => app.use('/', route.router))`: route lists registered in a loop.
                    var results = new List<ExValue>();
                    for (var i = 0; i < array.Elements.Count; i++)
                    {
                        results.Add(Call(each, [array.Elements[i], new NumberValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), array], call.Line));
                    }

                    return member.Name == "map" ? new ArrayValue(results) : UnknownValue.Instance;
                case RouteChainValue chain:
                    if (RouteMethods.Contains(member.Name))
                    {
                        AddRoutes(chain.Node, member.Name, chain.Path, chain.PathExpr, call.Arguments, scope, call.Line);
                    }

                    return chain;
                case LibraryValue lib:
                    return new ValidatorSchemaValue(lib.Library, call, scope);
                case ValidatorSchemaValue schema:
                    return schema with { Expr = call };
                case ExpressModuleValue when member.Name == "Router":
                    return new RouterValue(NewRouterFromOptions(scope, call.Line, call.Arguments));
                case PackageValue { Package: "typedi" or "tsyringe", Path: "Container" or "container" } when member.Name is "get" or "resolve"
                    && call.Arguments is [var token, ..] && Evaluate(token, scope) is TypeDeclValue { Declaration: TsClass resolved } declaration:
                    // Container.get(UserService) / container.resolve(UserController): the container builds it, injecting by type.
                    return Construct(resolved, declaration.Module, Injected(resolved, declaration.Module), call.Line);
                case PackageValue package:
                    return package.Member(member.Name).Called(call.Arguments);
            }

            var method = Member(target, member.Name, call.Line);
            return method switch
            {
                FunctionValue f => Call(f, call.Arguments.Select(a => Evaluate(a, scope)).ToList(), call.Line),
                RouterFactoryValue => new RouterValue(NewRouterFromOptions(scope, call.Line, call.Arguments)),
                PackageValue package => package.Called(call.Arguments),
                _ => UnknownValue.Instance,
            };
        }

        var callee = Evaluate(call.Callee, scope);
        switch (callee)
        {
            case ExpressModuleValue:
                return new RouterValue(NewRouter(scope.Module, call.Line, true, "express()"));
            case RouterFactoryValue:
                return new RouterValue(NewRouterFromOptions(scope, call.Line, call.Arguments));
            case FunctionValue f:
                return Call(f, call.Arguments.Select(a => Evaluate(a, scope)).ToList(), call.Line);
            case LibraryValue lib:
                return new ValidatorSchemaValue(lib.Library, call, scope);
            case PackageValue package:
                return package.Called(call.Arguments);
            case ModuleValue m when GetExport(m.Module, "default") is FunctionValue defaultFunction:
                return Call(defaultFunction, call.Arguments.Select(a => Evaluate(a, scope)).ToList(), call.Line);
            case SuperValue super:
                RunConstructor(super.Instance, super.Level, call.Arguments.Select(a => Evaluate(a, scope)).ToList(), call.Line);
                return UnknownValue.Instance;
        }

        if (call.Callee is IdentExpr { Name: "Router" })
        {
            return new RouterValue(NewRouterFromOptions(scope, call.Line, call.Arguments));
        }

        return UnknownValue.Instance;
    }

    private ExValue RouterCall(RouterValue router, string method, CallExpr call, Scope scope)
    {
        var args = call.Arguments;
        if (RouteMethods.Contains(method))
        {
            // app.get('setting') reads a setting: a route needs a path and at least one handler.
            if (args.Count >= 2)
            {
                AddRoutes(router.Node, method, Evaluate(args[0], scope), args[0], args.Skip(1).ToList(), scope, call.Line);
            }

            return router;
        }

        switch (method)
        {
            case "use":
                Use(router.Node, args, scope, call.Line);
                return router;
            case "route" when args.Count >= 1:
                return new RouteChainValue(router.Node, Evaluate(args[0], scope), args[0]);
            default:
                return router;
        }
    }

    private void AddRoutes(RouterNode node, string method, ExValue path, TsExpr pathExpr, IReadOnlyList<TsExpr> handlers, Scope scope, int line)
    {
        var handlerRefs = handlers.Select(h => new HandlerRef(h, scope)).ToList();
        foreach (var p in Paths(path))
        {
            if (p is StringValue s)
            {
                node.Routes.Add(new RouteRecord(method, s.Value, handlerRefs, scope.Module.File, line));
            }
            else if (p is RegexLikeValue)
            {
                _diagnostics.Warn(ExpressCodes.UnresolvedRoutePath,
                    $"{method.ToUpperInvariant()} route in {scope.Module.RelativePath} uses a regular expression path; it cannot be turned into a path template.",
                    scope.Module.File, pathExpr.Line, "Use a string path such as '/orders/:id' or describe this route in an OpenAPI document.");
            }
            else
            {
                _diagnostics.Warn(ExpressCodes.UnresolvedRoutePath,
                    $"The path of a {method.ToUpperInvariant()} route in {scope.Module.RelativePath} cannot be resolved statically ({Describe(p)}).",
                    scope.Module.File, pathExpr.Line, "Use a string literal, or a const string declared in the app, for the route path.");
            }
        }
    }

    private sealed record RegexLikeValue : ExValue;

    private static IEnumerable<ExValue> Paths(ExValue value) => value switch
    {
        ArrayValue array => array.Elements,
        _ => [value],
    };

    private void Use(RouterNode node, IReadOnlyList<TsExpr> args, Scope scope, int line)
    {
        if (args.Count == 0)
        {
            return;
        }

        var first = Evaluate(args[0], scope);
        var hasPath = first is StringValue or ArrayValue { Elements: [StringValue, ..] };
        var prefixes = hasPath ? Paths(first).OfType<StringValue>().Select(s => s.Value).ToList() : [""];
        var rest = hasPath ? args.Skip(1) : args;
        if (!hasPath && args[0] is StringExpr or TemplateExpr or BinaryExpr || IsOpaque(first) && LooksLikePath(args[0]))
        {
            _diagnostics.Warn(ExpressCodes.UnresolvedMount,
                $"The mount path of a use() call in {scope.Module.RelativePath} cannot be resolved statically ({Describe(first)}).",
                scope.Module.File, line, "Use a string literal, or a const string declared in the app, for the mount path.");
            return;
        }

        // app.use('/api', auth.required, router): authentication before a router covers the router's routes.
        var authBefore = false;
        foreach (var arg in rest)
        {
            var value = Evaluate(arg, scope);
            foreach (var item in value is ArrayValue a ? a.Elements : [value])
            {
                switch (item)
                {
                    case RouterValue child when child.Node != node:
                        foreach (var prefix in prefixes)
                        {
                            node.Mounts.Add(new MountRecord(prefix, child.Node, scope.Module.File, line) { RequiresAuth = authBefore });
                        }

                        child.Node.IsMounted = true;
                        break;
                    case UnknownValue unknown when hasPath && arg is IdentExpr or MemberExpr && !IsMiddlewareName(arg):
                        _diagnostics.Warn(ExpressCodes.UnresolvedMount,
                            $"What use('{prefixes[0]}', …) mounts in {scope.Module.RelativePath} cannot be resolved ({unknown.Reason}); its routes are not read.",
                            scope.Module.File, arg.Line, "Mount a router created with express.Router() and imported from a file inside the source folder.");
                        break;
                    default:
                        if (Middleware.RequiresAuth(arg, item))
                        {
                            if (hasPath)
                            {
                                authBefore = true;
                            }
                            else
                            {
                                node.RequiresAuth = true;
                            }
                        }

                        break;
                }
            }
        }
    }

    private static bool LooksLikePath(TsExpr expr) => expr is TemplateExpr or BinaryExpr { Operator: "+" } or MemberExpr { Target: MemberExpr { Name: "env" } };

    private static bool IsMiddlewareName(TsExpr expr)
    {
        var name = expr switch { IdentExpr i => i.Name, MemberExpr m => m.Name, _ => "" };
        return MiddlewareJudge.IsAuthName(name) || name.Contains("middleware", StringComparison.OrdinalIgnoreCase) || name.Contains("limit", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Tells authentication middleware from the rest by what it is.</summary>
    public MiddlewareJudge Middleware => _middleware ??= new MiddlewareJudge(this);
}
