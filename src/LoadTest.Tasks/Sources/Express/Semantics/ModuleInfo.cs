using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Semantics;

/// <summary>A lazily evaluated name: evaluated on first use, once (a cycle reads as unknown).</summary>
internal sealed class Binding
{
    private readonly Func<ExValue> _evaluate;
    private ExValue? _value;
    private bool _evaluating;

    public Binding(Func<ExValue> evaluate, TsExpr? init = null, Scope? initScope = null, TsType? declaredType = null)
    {
        _evaluate = evaluate;
        Init = init;
        InitScope = initScope;
        DeclaredType = declaredType;
    }

    public static Binding Of(ExValue value) => new(() => value);

    /// <summary>The initializer syntax (for middleware such as <c>const v = validate(schema)</c> read as written).</summary>
    public TsExpr? Init { get; }
    public Scope? InitScope { get; }
    public TsType? DeclaredType { get; }

    public ExValue Value
    {
        get
        {
            if (_value is not null)
            {
                return _value;
            }

            if (_evaluating)
            {
                return UnknownValue.Instance;
            }

            _evaluating = true;
            try
            {
                _value = _evaluate();
            }
            finally
            {
                _evaluating = false;
            }

            return _value;
        }
    }

    public void Set(ExValue value) => _value = value;
}

/// <summary>A lexical scope of the interpreter: names to bindings, chained to the enclosing scope.</summary>
internal sealed class Scope(ModuleInfo module, Scope? parent)
{
    private readonly Dictionary<string, Binding> _names = new(StringComparer.Ordinal);

    public ModuleInfo Module { get; } = module;
    public Scope? Parent { get; } = parent;

    public void Declare(string name, Binding binding)
    {
        if (name.Length > 0)
        {
            _names[name] = binding;
        }
    }

    public Binding? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._names.TryGetValue(name, out var binding))
            {
                return binding;
            }
        }

        return null;
    }
}

/// <summary>One source file: its syntax, top-level scope, exports and type declarations.</summary>
internal sealed class ModuleInfo
{
    public ModuleInfo(string file, string relativePath, TsModuleSyntax syntax)
    {
        File = file;
        RelativePath = relativePath;
        Syntax = syntax;
        Scope = new Scope(this, null);
    }

    public string File { get; }
    /// <summary>Path relative to the source folder, used in diagnostics and tags.</summary>
    public string RelativePath { get; }
    public TsModuleSyntax Syntax { get; }
    public Scope Scope { get; }

    public bool Hoisted { get; set; }
    public bool Executing { get; set; }
    public bool Executed { get; set; }

    /// <summary>ES exports: exported name to its value.</summary>
    public Dictionary<string, Binding> Exports { get; } = new(StringComparer.Ordinal);
    /// <summary><c>export * from</c> specifiers.</summary>
    public List<string> StarExports { get; } = [];
    /// <summary>What <c>module.exports = …</c> set; null when the module never assigned it.</summary>
    public ExValue? CommonJsExports { get; set; }
    public Dictionary<string, ExValue> CommonJsNamed { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TsTypeDecl> LocalTypes { get; } = new(StringComparer.Ordinal);
    /// <summary>Local name to (module specifier, imported name; "*" for a namespace, "default" for a default import).</summary>
    public Dictionary<string, (string Specifier, string Imported)> Imports { get; } = new(StringComparer.Ordinal);
    /// <summary>Exported type name to local name, or to a re-export (specifier, imported).</summary>
    public Dictionary<string, string> ExportedTypeNames { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string Specifier, string Imported)> ReExports { get; } = new(StringComparer.Ordinal);
    public string? DefaultTypeName { get; set; }

    /// <summary>Top-level functions, to run once with fresh routers when nothing calls them.</summary>
    public List<(FunctionExpr Function, Scope Scope)> TopFunctions { get; } = [];
}
