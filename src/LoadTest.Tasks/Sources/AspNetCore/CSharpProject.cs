using System.Text;
using LoadTest.Tasks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LoadTest.Tasks.Sources.AspNetCore;

/// <summary>How System.Text.Json names members and enum values in this project.</summary>
internal enum JsonNaming
{
    CamelCase,
    AsDeclared,
    SnakeCaseLower,
    KebabCaseLower,
}

/// <summary>
/// The parsed C# files of an ASP.NET Core project (syntax only, no compilation) with the indexes the readers need:
/// types and methods by name, string constants, and the JSON conventions the project configures.
/// </summary>
internal sealed class CSharpProject
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", "TestResults" };

    private readonly Dictionary<string, List<BaseTypeDeclarationSyntax>> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MethodDeclarationSyntax>> _methods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExpressionSyntax> _constants = new(StringComparer.Ordinal);

    private CSharpProject(string root) => Root = root;

    public string Root { get; }
    public List<SyntaxTree> Trees { get; } = [];
    public List<SourceDiagnostic> Diagnostics { get; } = [];

    /// <summary>JsonStringEnumConverter registered globally (options) rather than on single enums.</summary>
    public bool EnumsAsStrings { get; private set; }
    public JsonNaming PropertyNaming { get; private set; } = JsonNaming.CamelCase;
    public JsonNaming EnumNaming { get; private set; } = JsonNaming.AsDeclared;

    public static CSharpProject Load(string path, CancellationToken cancellationToken)
    {
        var root = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : Path.GetFullPath(path);
        var project = new CSharpProject(root);
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        foreach (var file in EnumerateFiles(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                project.Diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.UnreadableFile, $"Could not read {file}: {e.Message}", new SourceLocation(file, 1)));
                continue;
            }

            var tree = CSharpSyntaxTree.ParseText(text, options, file, Encoding.UTF8, cancellationToken);
            project.Trees.Add(tree);
            foreach (var error in tree.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Take(3))
            {
                var line = error.Location.GetLineSpan().StartLinePosition;
                project.Diagnostics.Add(SourceDiagnostic.Warning(AspNetCodes.SyntaxError,
                    $"{Path.GetFileName(file)}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id}); endpoints around it may be missed.",
                    new SourceLocation(file, line.Line + 1, line.Character + 1), "Fix the syntax error (does the project build?)."));
            }

            project.Index(tree);
        }

        return project;
    }

    private static IEnumerable<string> EnumerateFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                files = Directory.GetFiles(folder, "*.cs");
                folders = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var sub in folders.OrderDescending(StringComparer.Ordinal))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    private void Index(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type:
                    Add(_types, type.Identifier.ValueText, type);
                    break;
                case MethodDeclarationSyntax method:
                    Add(_methods, method.Identifier.ValueText, method);
                    break;
                case FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.ConstKeyword) || field.Modifiers.Any(SyntaxKind.StaticKeyword) && field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { } init)
                        {
                            var owner = (field.Parent as BaseTypeDeclarationSyntax)?.Identifier.ValueText;
                            _constants[variable.Identifier.ValueText] = init.Value;
                            if (owner is not null)
                            {
                                _constants[owner + "." + variable.Identifier.ValueText] = init.Value;
                            }
                        }
                    }

                    break;
                case ObjectCreationExpressionSyntax { Type: var created } creation when created.ToString().EndsWith("JsonStringEnumConverter", StringComparison.Ordinal)
                                                                                     || created.ToString().StartsWith("JsonStringEnumConverter", StringComparison.Ordinal):
                    EnumsAsStrings = true;
                    if (creation.ArgumentList?.Arguments.FirstOrDefault()?.ToString() is { } policy)
                    {
                        EnumNaming = NamingFrom(policy);
                    }

                    break;
                case AssignmentExpressionSyntax { Left: var left, Right: var right } when left.ToString().EndsWith("PropertyNamingPolicy", StringComparison.Ordinal):
                    PropertyNaming = right.IsKind(SyntaxKind.NullLiteralExpression) ? JsonNaming.AsDeclared : NamingFrom(right.ToString());
                    break;
            }
        }
    }

    private static JsonNaming NamingFrom(string policy) =>
        policy.Contains("SnakeCaseLower", StringComparison.Ordinal) ? JsonNaming.SnakeCaseLower
        : policy.Contains("KebabCaseLower", StringComparison.Ordinal) ? JsonNaming.KebabCaseLower
        : policy.Contains("CamelCase", StringComparison.Ordinal) ? JsonNaming.CamelCase
        : JsonNaming.AsDeclared;

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }

    public IReadOnlyList<BaseTypeDeclarationSyntax> TypesNamed(string name) => _types.TryGetValue(name, out var list) ? list : [];

    public IReadOnlyList<MethodDeclarationSyntax> MethodsNamed(string name) => _methods.TryGetValue(name, out var list) ? list : [];

    public IEnumerable<BaseTypeDeclarationSyntax> AllTypes => _types.Values.SelectMany(t => t);

    /// <summary>Whether any file calls a method of this name (<c>services.AddApiVersioning(…)</c>).</summary>
    public bool MethodCalled(string name) => Trees.Any(t => t.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Any(call => call.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        _ => false,
    }));

    /// <summary>The string a template expression evaluates to at compile time, or null.</summary>
    public string? EvaluateString(ExpressionSyntax? expression, int depth = 0)
    {
        if (expression is null || depth > 16)
        {
            return null;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return literal.Token.ValueText;
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return literal.Token.ValueText;
            case InterpolatedStringExpressionSyntax interpolated:
            {
                var sb = new StringBuilder();
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax text:
                            // raw text with the brace escapes undone: "{{**path}}" is the route "{**path}"
                            sb.Append(text.TextToken.Text.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal));
                            break;
                        case InterpolationSyntax interpolation when EvaluateString(interpolation.Expression, depth + 1) is { } value:
                            sb.Append(value);
                            break;
                        default:
                            return null;
                    }
                }

                return sb.ToString();
            }
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return EvaluateString(binary.Left, depth + 1) is { } l && EvaluateString(binary.Right, depth + 1) is { } r ? l + r : null;
            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf:
                return nameOf.ArgumentList.Arguments.FirstOrDefault()?.Expression switch
                {
                    MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
                    SimpleNameSyntax s => s.Identifier.ValueText,
                    _ => null,
                };
            case ParenthesizedExpressionSyntax parenthesized:
                return EvaluateString(parenthesized.Expression, depth + 1);
            case IdentifierNameSyntax identifier:
                return LocalConstant(identifier, depth) ?? (_constants.TryGetValue(identifier.Identifier.ValueText, out var c) ? EvaluateString(c, depth + 1) : null);
            case MemberAccessExpressionSyntax member:
            {
                var key = $"{member.Expression.ToString().Split('.').Last()}.{member.Name.Identifier.ValueText}";
                return _constants.TryGetValue(key, out var constant) ? EvaluateString(constant, depth + 1) : null;
            }
            default:
                return null;
        }
    }

    /// <summary>The initializer of the const, static readonly field or local an identifier (or Type.Member) names, else null.</summary>
    public ExpressionSyntax? ConstantValue(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => SyntaxLookup.FindLocal(identifier, identifier.Identifier.ValueText)?.Initializer?.Value
                                           ?? _constants.GetValueOrDefault(identifier.Identifier.ValueText),
        MemberAccessExpressionSyntax member => _constants.GetValueOrDefault($"{member.Expression.ToString().Split('.').Last()}.{member.Name.Identifier.ValueText}"),
        _ => null,
    };

    /// <summary>A <c>const</c> / initialised local declared in an enclosing block before this use.</summary>
    private string? LocalConstant(IdentifierNameSyntax identifier, int depth)
    {
        var declarator = SyntaxLookup.FindLocal(identifier, identifier.Identifier.ValueText);
        return declarator?.Initializer?.Value is { } value ? EvaluateString(value, depth + 1) : null;
    }

    public string JsonName(string name) => Apply(PropertyNaming, name);

    public string EnumName(string name) => Apply(EnumNaming, name);

    public static string Apply(JsonNaming naming, string name) => naming switch
    {
        JsonNaming.CamelCase => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name),
        JsonNaming.SnakeCaseLower => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name),
        JsonNaming.KebabCaseLower => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name),
        _ => name,
    };
}

/// <summary>Name lookups over syntax alone: locals and parameters visible at a node.</summary>
internal static class SyntaxLookup
{
    public static VariableDeclaratorSyntax? FindLocal(SyntaxNode at, string name)
    {
        foreach (var ancestor in at.Ancestors())
        {
            IEnumerable<StatementSyntax>? statements = ancestor switch
            {
                BlockSyntax block => block.Statements,
                CompilationUnitSyntax unit => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement),
                SwitchSectionSyntax section => section.Statements,
                _ => null,
            };

            if (statements is null)
            {
                continue;
            }

            foreach (var statement in statements)
            {
                if (statement is LocalDeclarationStatementSyntax local)
                {
                    var match = local.Declaration.Variables.FirstOrDefault(v => v.Identifier.ValueText == name);
                    if (match is not null)
                    {
                        return match;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The parameter named <paramref name="name"/> of the method, local function or lambda enclosing <paramref name="at"/>.</summary>
    public static (ParameterSyntax Parameter, SyntaxNode Owner)? FindParameter(SyntaxNode at, string name)
    {
        foreach (var ancestor in at.Ancestors())
        {
            var parameters = ancestor switch
            {
                BaseMethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.ParameterList.Parameters,
                _ => default(SeparatedSyntaxList<ParameterSyntax>?),
            };

            if (parameters is { } list && list.FirstOrDefault(p => p.Identifier.ValueText == name) is { } parameter)
            {
                return (parameter, ancestor);
            }

            if (ancestor is SimpleLambdaExpressionSyntax simple && simple.Parameter.Identifier.ValueText == name)
            {
                return (simple.Parameter, ancestor);
            }
        }

        return null;
    }
}
