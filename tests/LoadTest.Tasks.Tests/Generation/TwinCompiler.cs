using LoadTest.Runtime.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>Compiles generated C# in memory against LoadTest.Runtime, the framework and xunit, as a consumer project would.</summary>
internal static class TwinCompiler
{
    /// <summary>Minimal MSTest and NUnit attribute shapes, so those test classes compile without the packages.</summary>
    public const string FrameworkStubs = """
        namespace Microsoft.VisualStudio.TestTools.UnitTesting
        {
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class TestClassAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class TestMethodAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Class, AllowMultiple = true)] public sealed class TestCategoryAttribute(string name) : System.Attribute { public string Name => name; }
            [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)] public sealed class TestPropertyAttribute(string name, string value) : System.Attribute { public string Name => name; public string Value => value; }
        }
        namespace NUnit.Framework
        {
            [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class TestFixtureAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class TestAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Method | System.AttributeTargets.Class, AllowMultiple = true)] public sealed class CategoryAttribute(string name) : System.Attribute { public string Name => name; }
        }
        namespace Xunit
        {
            public sealed class TestContext { public static TestContext Current { get; } = new(); public System.Threading.CancellationToken CancellationToken => default; }
        }
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToHashSet(StringComparer.Ordinal);
        paths.Add(typeof(LoadTestPlan).Assembly.Location);
        paths.Add(typeof(FactAttribute).Assembly.Location);
        paths.Add(typeof(Assert).Assembly.Location);
        return [.. paths.Where(File.Exists).Order(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p))];
    });

    /// <summary>Errors and warnings (hidden and info left out) of compiling <paramref name="sources"/> as a library.</summary>
    public static IReadOnlyList<Diagnostic> Compile(IEnumerable<(string Path, string Text)> sources, bool withStubs = false, bool withGlobalUsings = false)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        if (withStubs)
        {
            trees.Add(CSharpSyntaxTree.ParseText(FrameworkStubs, options, "stubs.cs"));
        }

        if (withGlobalUsings)
        {
            // What ImplicitUsings adds to a consumer project: generated files must not clash with it.
            trees.Add(CSharpSyntaxTree.ParseText(
                "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
                options,
                "GlobalUsings.g.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "GeneratedTwins" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, generalDiagnosticOption: ReportDiagnostic.Default));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }

    /// <summary>Compiles <paramref name="sources"/> (with the framework stubs) and loads the assembly, to run the twins with the real engine.</summary>
    public static System.Reflection.Assembly Load(IEnumerable<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var list = sources.ToList();
        var trees = list.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).Append(CSharpSyntaxTree.ParseText(FrameworkStubs, options, "stubs.cs")).ToList();
        var compilation = CSharpCompilation.Create(
            "GeneratedTwins" + Guid.NewGuid().ToString("N"),
            trees,
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), list));
        return System.Reflection.Assembly.Load(image.ToArray());
    }

    /// <summary>
    /// Compiles <paramref name="sources"/>, loads the assembly into a collectible context and calls every generated
    /// <c>CreatePlan()</c> (static initialisers and plan construction run); returns the compile diagnostics, or the
    /// failures of the calls, and how many plans were built.
    /// </summary>
    public static (IReadOnlyList<string> Problems, int Plans) BuildPlans(IReadOnlyList<(string Path, string Text)> sources)
    {
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(
            "GeneratedTwins" + Guid.NewGuid().ToString("N"),
            [.. sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!emitted.Success || errors.Count > 0)
        {
            return ([Describe(errors, sources)], 0);
        }

        var context = new System.Runtime.Loader.AssemblyLoadContext("twins", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var problems = new List<string>();
            var plans = 0;
            foreach (var type in assembly.GetTypes())
            {
                if (type.GetMethod("CreatePlan", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static) is not { } create)
                {
                    continue;
                }

                try
                {
                    Assert.NotNull(create.Invoke(null, [null]));
                    plans++;
                }
                catch (System.Reflection.TargetInvocationException e)
                {
                    problems.Add($"{type.FullName}.CreatePlan(): {e.InnerException}");
                }
            }

            return (problems, plans);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Places where spec text became C# code: an identifier token containing <paramref name="canary"/> (inside a
    /// string literal or a comment it is no token of its own), or a preprocessor directive the generator never writes.
    /// </summary>
    public static IReadOnlyList<string> InjectedCode(IEnumerable<(string Path, string Text)> sources, string canary)
    {
        var problems = new List<string>();
        foreach (var (path, text) in sources)
        {
            var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview), path).GetRoot();
            foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText.Contains(canary, StringComparison.Ordinal))
                {
                    problems.Add($"{path}({token.GetLocation().GetLineSpan().StartLinePosition.Line + 1}): spec text became code: {token.Parent}");
                }
            }

            foreach (var directive in root.DescendantTrivia().Where(t => t.IsDirective))
            {
                var kind = directive.Kind();
                if (kind is not (SyntaxKind.NullableDirectiveTrivia or SyntaxKind.PragmaWarningDirectiveTrivia))
                {
                    problems.Add($"{path}({directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1}): unexpected directive {directive}");
                }
            }
        }

        return problems;
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics, IEnumerable<(string Path, string Text)> sources)
    {
        var texts = sources.ToDictionary(s => s.Path, s => s.Text.Split('\n'));
        return string.Join("\n", diagnostics.Take(20).Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var line = texts.TryGetValue(span.Path, out var lines) && span.StartLinePosition.Line < lines.Length ? lines[span.StartLinePosition.Line].Trim() : "";
            return $"{d.Id} {span.Path}({span.StartLinePosition.Line + 1}): {d.GetMessage()}\n    {line}";
        }));
    }
}
