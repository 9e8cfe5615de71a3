namespace LoadTest.Tasks.Sources.Express.Syntax;

// The small subset of a TypeScript syntax tree the Express reader needs. Anything else parses to OtherExpr / OtherType.

internal abstract record TsNode(int Line);

// ---------- expressions ----------

internal abstract record TsExpr(int Line) : TsNode(Line)
{
    /// <summary>The name the expression ends with (<c>a</c>, <c>x.a</c>); null for anything else.</summary>
    public string? TrailingName => this switch
    {
        IdentExpr i => i.Name,
        MemberExpr m => m.Name,
        _ => null,
    };

    /// <summary>A plain chain of names (<c>a</c>, <c>a.b.c</c>, <c>this.users</c>): something that can be looked up, not computed.</summary>
    public bool IsNameChain => this switch
    {
        IdentExpr or KeywordExpr { Word: "this" } => true,
        MemberExpr m => m.Target.IsNameChain,
        _ => false,
    };
}

internal sealed record IdentExpr(string Name, int Line) : TsExpr(Line);

internal sealed record StringExpr(string Value, int Line) : TsExpr(Line);

internal sealed record NumberExpr(string Raw, int Line) : TsExpr(Line);

internal sealed record RegexExpr(string Pattern, int Line) : TsExpr(Line);

/// <summary>true, false, null, undefined, this.</summary>
internal sealed record KeywordExpr(string Word, int Line) : TsExpr(Line);

internal sealed record TemplateExpr(IReadOnlyList<string> Quasis, IReadOnlyList<TsExpr> Substitutions, int Line) : TsExpr(Line);

internal sealed record MemberExpr(TsExpr Target, string Name, int Line) : TsExpr(Line);

internal sealed record IndexExpr(TsExpr Target, TsExpr Index, int Line) : TsExpr(Line);

internal sealed record CallExpr(TsExpr Callee, IReadOnlyList<TsExpr> Arguments, IReadOnlyList<TsType> TypeArguments, int Line) : TsExpr(Line);

internal sealed record NewExpr(TsExpr Callee, IReadOnlyList<TsExpr> Arguments, int Line) : TsExpr(Line);

internal sealed record BinaryExpr(string Operator, TsExpr Left, TsExpr Right, int Line) : TsExpr(Line);

internal sealed record UnaryExpr(string Operator, TsExpr Operand, int Line) : TsExpr(Line);

internal sealed record ConditionalExpr(TsExpr Test, TsExpr WhenTrue, TsExpr WhenFalse, int Line) : TsExpr(Line);

internal sealed record AssignExpr(TsExpr Target, TsExpr Value, int Line) : TsExpr(Line);

/// <summary><c>x as T</c>, <c>x satisfies T</c>, <c>&lt;T&gt;x</c>.</summary>
internal sealed record AsExpr(TsExpr Value, TsType Type, int Line) : TsExpr(Line);

internal sealed record SpreadExpr(TsExpr Value, int Line) : TsExpr(Line);

internal sealed record ArrayExpr(IReadOnlyList<TsExpr> Elements, int Line) : TsExpr(Line);

/// <summary>An object literal; computed keys keep their expression in <see cref="ObjectProperty.ComputedKey"/>.</summary>
internal sealed record ObjectExpr(IReadOnlyList<ObjectProperty> Properties, int Line) : TsExpr(Line);

internal sealed record ObjectProperty(string? Key, TsExpr? ComputedKey, TsExpr Value, int Line);

internal sealed record FunctionExpr(string? Name, IReadOnlyList<TsParam> Parameters, TsBlock? Body, TsExpr? ExpressionBody, int Line) : TsExpr(Line);

internal sealed record ClassExpr(TsClass Class, int Line) : TsExpr(Line);

internal sealed record OtherExpr(int Line) : TsExpr(Line);

/// <summary>A function parameter: a name or a destructuring pattern, an optional type and default.</summary>
internal sealed record TsParam(TsPattern Pattern, TsType? Type, TsExpr? Default, bool IsRest, int Line);

// ---------- binding patterns ----------

internal abstract record TsPattern(int Line);

internal sealed record NamePattern(string Name, int Line) : TsPattern(Line);

internal sealed record ObjectPattern(IReadOnlyList<(string Key, TsPattern Value)> Members, int Line) : TsPattern(Line);

internal sealed record ArrayPattern(IReadOnlyList<TsPattern?> Elements, int Line) : TsPattern(Line);

// ---------- statements ----------

internal abstract record TsStatement(int Line) : TsNode(Line);

internal sealed record TsBlock(IReadOnlyList<TsStatement> Statements, int Line) : TsStatement(Line);

internal sealed record ExprStatement(TsExpr Expr, int Line) : TsStatement(Line);

internal sealed record VarStatement(IReadOnlyList<VarDeclarator> Declarators, bool Exported, int Line) : TsStatement(Line);

internal sealed record VarDeclarator(TsPattern Pattern, TsType? Type, TsExpr? Init, int Line);

internal sealed record FunctionStatement(FunctionExpr Function, bool Exported, bool IsDefault, int Line) : TsStatement(Line);

internal sealed record ReturnStatement(TsExpr? Value, int Line) : TsStatement(Line);

/// <summary>if/else, loops, try, switch: every nested block, executed once each for route discovery.</summary>
internal sealed record CompoundStatement(IReadOnlyList<TsStatement> Bodies, int Line) : TsStatement(Line);

internal sealed record ImportStatement(string Module, string? DefaultName, string? NamespaceName, IReadOnlyList<(string Imported, string Local)> Named, int Line) : TsStatement(Line);

/// <summary><c>export { a, b as c }</c> or <c>export { a } from './m'</c> or <c>export * from './m'</c>.</summary>
internal sealed record ExportNamesStatement(IReadOnlyList<(string Local, string Exported)> Names, string? FromModule, bool All, int Line) : TsStatement(Line);

internal sealed record ExportDefaultStatement(TsExpr Value, int Line) : TsStatement(Line);

internal sealed record TypeDeclStatement(TsTypeDecl Declaration, bool Exported, bool IsDefault, int Line) : TsStatement(Line);

internal sealed record EmptyStatement(int Line) : TsStatement(Line);

// ---------- type declarations ----------

internal abstract record TsTypeDecl(string Name, string? JsDoc, int Line);

internal sealed record TsInterface(string Name, IReadOnlyList<string> TypeParameters, IReadOnlyList<TsType> Extends, IReadOnlyList<TsMember> Members, string? JsDoc, int Line)
    : TsTypeDecl(Name, JsDoc, Line);

internal sealed record TsTypeAlias(string Name, IReadOnlyList<string> TypeParameters, TsType Type, string? JsDoc, int Line) : TsTypeDecl(Name, JsDoc, Line);

internal sealed record TsEnum(string Name, IReadOnlyList<(string Name, TsExpr? Value)> Members, string? JsDoc, int Line) : TsTypeDecl(Name, JsDoc, Line);

internal sealed record TsClass(string Name, TsType? Extends, IReadOnlyList<TsMember> Members, string? JsDoc, int Line) : TsTypeDecl(Name, JsDoc, Line)
{
    /// <summary>Instance methods (controllers and services are classes): what <c>new</c> gives an instance to call.</summary>
    public IReadOnlyList<FunctionExpr> Methods { get; init; } = [];

    /// <summary>Methods called on the class itself (<c>UserController.create</c> as a handler).</summary>
    public IReadOnlyList<FunctionExpr> StaticMethods { get; init; } = [];

    public FunctionExpr? Constructor { get; init; }
}

internal sealed record TsDecorator(string Name, IReadOnlyList<TsExpr> Arguments, int Line);

/// <summary>A property of an interface, type literal or class (methods are dropped).</summary>
internal sealed record TsMember(string Name, bool Optional, TsType? Type, string? JsDoc, int Line)
{
    public IReadOnlyList<TsDecorator> Decorators { get; init; } = [];
    public TsExpr? Initializer { get; init; }
    /// <summary>An index signature <c>[key: string]: T</c>.</summary>
    public bool IsIndexSignature { get; init; }
}

// ---------- types ----------

internal abstract record TsType(int Line);

internal sealed record TypeRef(string Name, IReadOnlyList<TsType> Arguments, int Line) : TsType(Line);

internal sealed record TypeLiteral(IReadOnlyList<TsMember> Members, int Line) : TsType(Line);

internal sealed record UnionType(IReadOnlyList<TsType> Types, int Line) : TsType(Line);

internal sealed record IntersectionType(IReadOnlyList<TsType> Types, int Line) : TsType(Line);

internal sealed record ArrayType(TsType Element, int Line) : TsType(Line);

internal sealed record TupleType(IReadOnlyList<TsType> Elements, int Line) : TsType(Line);

/// <summary>A literal type: Kind is string, number, boolean or null.</summary>
internal sealed record LiteralType(string Kind, string Value, int Line) : TsType(Line);

/// <summary><c>typeof x</c> (for <c>z.infer&lt;typeof schema&gt;</c>).</summary>
internal sealed record TypeofType(TsExpr Target, int Line) : TsType(Line);

internal sealed record OtherType(int Line) : TsType(Line);

internal sealed record TsModuleSyntax(string File, IReadOnlyList<TsStatement> Statements)
{
    /// <summary>What looked damaged (unbalanced brackets, unterminated literals), with lines.</summary>
    public IReadOnlyList<(int Line, string Message)> Problems { get; init; } = [];
}
