using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Semantics;

/// <summary>What the interpreter knows an expression evaluates to; <see cref="UnknownValue"/> when it cannot tell statically.</summary>
internal abstract record ExValue;

internal sealed record StringValue(string Value) : ExValue;

internal sealed record NumberValue(string Raw) : ExValue;

internal sealed record BoolValue(bool Value) : ExValue;

internal sealed record ArrayValue(IReadOnlyList<ExValue> Elements) : ExValue;

internal sealed record RouterValue(RouterNode Node) : ExValue;

/// <summary><c>router.route(path)</c>: the methods chained on it register routes under <see cref="Path"/>.</summary>
internal sealed record RouteChainValue(RouterNode Node, ExValue Path, TsExpr PathExpr) : ExValue;

internal sealed record FunctionValue(FunctionExpr Function, Scope Closure) : ExValue;

/// <summary>One class of an instance's chain: the class itself, then what it extends.</summary>
internal sealed record ClassLevel(TsClass Class, ModuleInfo Module);

/// <summary>
/// An object <c>new</c> made from a class of the app (a controller, a service): its fields, and a scope per class of
/// its chain in which <c>this</c> is the instance and <c>super</c> the classes above, so its methods can be followed.
/// </summary>
internal sealed record InstanceValue(IReadOnlyList<ClassLevel> Chain) : ExValue
{
    public Dictionary<string, Binding> Fields { get; } = new(StringComparer.Ordinal);
    public List<Scope> Scopes { get; } = [];

    /// <summary>Each <c>new</c> is its own object.</summary>
    public bool Equals(InstanceValue? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary><c>super</c> in a class at <see cref="Level"/> - 1 of an instance's chain: it reaches the classes from <see cref="Level"/> up.</summary>
internal sealed record SuperValue(InstanceValue Instance, int Level) : ExValue;

/// <summary>A module namespace (<c>import * as m</c>, or what <c>require</c> returns for an ES module).</summary>
internal sealed record ModuleValue(ModuleInfo Module) : ExValue;

internal sealed record ObjectValue(IReadOnlyDictionary<string, Func<ExValue>> Members) : ExValue;

/// <summary>A class, interface, enum or type alias declared in <see cref="Module"/>.</summary>
internal sealed record TypeDeclValue(TsTypeDecl Declaration, ModuleInfo Module) : ExValue;

/// <summary>The default export of the 'express' package: calling it creates an app.</summary>
internal sealed record ExpressModuleValue : ExValue;

/// <summary><c>express.Router</c> / <c>import { Router } from 'express'</c>.</summary>
internal sealed record RouterFactoryValue : ExValue;

/// <summary>A validation library binding (zod's <c>z</c>, <c>Joi</c>, celebrate's <c>Segments</c>…).</summary>
internal sealed record LibraryValue(string Library, string Member) : ExValue;

/// <summary>A schema built with a validation library, kept as syntax and read on demand.</summary>
internal sealed record ValidatorSchemaValue(string Library, TsExpr Expr, Scope Scope) : ExValue;

/// <summary>
/// A value from an npm package the app imports (<c>cors</c>, <c>express-jwt</c>): <see cref="Path"/> is the export and
/// what was done to it (<c>default()</c>, <c>authenticate()</c>); <see cref="Arguments"/> are the last call's.
/// Packages are not read, but what they are tells what their middleware does.
/// </summary>
internal sealed record PackageValue(string Package, string Path, IReadOnlyList<TsExpr> Arguments) : ExValue
{
    public PackageValue Member(string name) => this with { Path = Path == "default" ? name : Path + "." + name, Arguments = [] };

    public PackageValue Called(IReadOnlyList<TsExpr> arguments) => this with { Path = Path + "()", Arguments = arguments };
}

internal sealed record UnknownValue(string Reason) : ExValue
{
    public static readonly UnknownValue Instance = new("unknown");
}

/// <summary>An app (<c>express()</c>) or router: the routes and sub-routers registered on it.</summary>
internal sealed class RouterNode(string file, int line, bool isApp, string origin)
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public bool IsApp { get; } = isApp;
    /// <summary>How it came to be, for messages: "express()", "Router()", "parameter app of registerRoutes".</summary>
    public string Origin { get; } = origin;
    public bool MergeParams { get; set; }
    /// <summary>Authentication middleware applied with <c>use()</c> on this router.</summary>
    public bool RequiresAuth { get; set; }
    public List<RouteRecord> Routes { get; } = [];
    public List<MountRecord> Mounts { get; } = [];
    public bool IsMounted { get; set; }
}

internal sealed record HandlerRef(TsExpr Expr, Scope Scope);

internal sealed record RouteRecord(string Method, string Path, IReadOnlyList<HandlerRef> Handlers, string File, int Line);

internal sealed record MountRecord(string Prefix, RouterNode Child, string File, int Line)
{
    /// <summary>Authentication middleware given to the same <c>use()</c> before the router.</summary>
    public bool RequiresAuth { get; init; }
}
