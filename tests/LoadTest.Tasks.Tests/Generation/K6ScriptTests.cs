using Acornima;
using Acornima.Ast;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Every generated k6 script parses as an ES module and uses only k6 APIs that exist (see <see cref="K6ApiAllowList"/>),
/// only helpers the helper module exports, and no syntax newer than the stated minimum k6 supports.
/// </summary>
public sealed class K6ScriptTests
{
    internal static Module Parse(string path, string code)
    {
        try
        {
            return new Parser().ParseModule(code, path);
        }
        catch (ParseErrorException e)
        {
            var lines = code.Split('\n');
            var line = e.LineNumber >= 1 && e.LineNumber <= lines.Length ? lines[e.LineNumber - 1] : "";
            Assert.Fail($"{path}({e.LineNumber},{e.Column}): {e.Description}\n    {line}");
            throw;
        }
    }

    internal static IReadOnlySet<string> Exports(Module module)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Body.OfType<ExportNamedDeclaration>())
        {
            foreach (var specifier in export.Specifiers)
            {
                names.Add(specifier.Exported is Identifier exported ? exported.Name : ((StringLiteral)specifier.Exported).Value);
            }

            switch (export.Declaration)
            {
                case FunctionDeclaration f when f.Id is not null:
                    names.Add(f.Id.Name);
                    break;
                case VariableDeclaration v:
                    foreach (var d in v.Declarations)
                    {
                        if (d.Id is Identifier id)
                        {
                            names.Add(id.Name);
                        }
                    }

                    break;
            }
        }

        return names;
    }

    /// <summary>Problems with the k6 API use of one script: unknown modules, members, helpers; too-new syntax.</summary>
    internal static List<string> Problems(string path, Module module, IReadOnlySet<string> helperExports)
    {
        var problems = new List<string>();
        var defaultImports = new Dictionary<string, string>(StringComparer.Ordinal);   // local name -> module
        var namespaceHelpers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var import in module.Body.OfType<ImportDeclaration>())
        {
            var source = import.Source.Value;
            var isHelper = source == "./lib/loadtest.js";
            if (source.StartsWith("./", StringComparison.Ordinal) && !isHelper && source.EndsWith(".js", StringComparison.Ordinal))
            {
                // The all-flows script imports the flow functions from the flow scripts beside it.
                continue;
            }

            if (!isHelper && !K6ApiAllowList.NamedExports.ContainsKey(source))
            {
                problems.Add($"{path}: imports '{source}', not a k6 module allowed here");
                continue;
            }

            foreach (var specifier in import.Specifiers)
            {
                switch (specifier)
                {
                    case ImportDefaultSpecifier d:
                        defaultImports[d.Local.Name] = source;
                        break;
                    case ImportNamespaceSpecifier n when isHelper:
                        namespaceHelpers.Add(n.Local.Name);
                        break;
                    case ImportSpecifier s:
                        var imported = s.Imported is Identifier i ? i.Name : ((StringLiteral)s.Imported).Value;
                        var allowed = isHelper ? helperExports : K6ApiAllowList.NamedExports[source];
                        if (!allowed.Contains(imported))
                        {
                            problems.Add($"{path}: '{imported}' is not exported by '{source}'");
                        }

                        break;
                    default:
                        problems.Add($"{path}: unexpected import form from '{source}'");
                        break;
                }
            }
        }

        // Variables that hold responses (results of http.* calls, check callback parameters) or custom metrics.
        var responses = new HashSet<string>(StringComparer.Ordinal) { "r" };
        var metrics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declarator in module.DescendantNodesAndSelf().OfType<VariableDeclarator>())
        {
            if (declarator.Id is not Identifier id)
            {
                continue;
            }

            if (declarator.Init is CallExpression { Callee: MemberExpression { Object: Identifier o } } && defaultImports.GetValueOrDefault(o.Name) == "k6/http")
            {
                responses.Add(id.Name);
            }

            if (declarator.Init is NewExpression { Callee: Identifier ctor } && ctor.Name is "Trend" or "Rate" or "Counter" or "Gauge")
            {
                metrics.Add(id.Name);
            }
        }

        foreach (var node in module.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ChainExpression:
                    problems.Add($"{path}: optional chaining (?.) at line {node.Location.Start.Line}");
                    break;
                case LogicalExpression { Operator: Operator.NullishCoalescing }:
                    problems.Add($"{path}: '??' at line {node.Location.Start.Line}");
                    break;
                case AwaitExpression:
                    problems.Add($"{path}: await at line {node.Location.Start.Line} (the scripts are synchronous)");
                    break;
                case MemberExpression { Computed: false, Object: Identifier obj, Property: Identifier property }:
                    var name = property.Name;
                    if (defaultImports.TryGetValue(obj.Name, out var module2) && !K6ApiAllowList.DefaultMembers(module2).Contains(name))
                    {
                        problems.Add($"{path}: '{obj.Name}.{name}' does not exist in '{module2}'");
                    }
                    else if (namespaceHelpers.Contains(obj.Name) && !helperExports.Contains(name))
                    {
                        problems.Add($"{path}: helper '{obj.Name}.{name}' is not exported by lib/loadtest.js");
                    }
                    else if (responses.Contains(obj.Name) && !K6ApiAllowList.ResponseMembers.Contains(name))
                    {
                        problems.Add($"{path}: response member '{obj.Name}.{name}' does not exist");
                    }
                    else if (metrics.Contains(obj.Name) && !K6ApiAllowList.MetricMembers.Contains(name))
                    {
                        problems.Add($"{path}: metric member '{obj.Name}.{name}' does not exist");
                    }

                    break;
                case MemberExpression { Computed: false, Object: MemberExpression { Computed: false, Object: Identifier res, Property: Identifier timings }, Property: Identifier timing }
                    when responses.Contains(res.Name) && timings.Name == "timings" && !K6ApiAllowList.TimingMembers.Contains(timing.Name):
                    problems.Add($"{path}: '{res.Name}.timings.{timing.Name}' does not exist");
                    break;
            }
        }

        return problems;
    }

    private static void AssertScriptsValid(GenerationOutput output)
    {
        Assert.DoesNotContain(output.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var lib = GenerationFixtures.FileAt(output, "lib/loadtest.js");
        var libModule = Parse(lib.RelativePath, lib.Content);
        var helperExports = Exports(libModule);
        var problems = Problems(lib.RelativePath, libModule, helperExports);
        foreach (var script in output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script && f != lib))
        {
            var module = Parse(script.RelativePath, script.Content);
            problems.AddRange(Problems(script.RelativePath, module, helperExports));
            var exports = Exports(module);
            Assert.Contains("options", exports);
            Assert.Contains("handleSummary", exports);
            Assert.Contains(module.Body, n => n is ExportDefaultDeclaration);
            Assert.StartsWith("// k6 load test", script.Content, StringComparison.Ordinal);
            Assert.Contains("Requires k6 v" + K6Compatibility.MinimumVersion, script.Content, StringComparison.Ordinal);

            // Every scenario's exec names an exported function.
            foreach (var call in module.DescendantNodesAndSelf().OfType<CallExpression>())
            {
                if (call.Callee is MemberExpression { Property: Identifier { Name: "scenario" } } && call.Arguments.Count == 3 && call.Arguments[2] is StringLiteral exec)
                {
                    Assert.Contains(exec.Value, exports);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Shop_checkout_script_uses_only_existing_k6_apis_and_passes_k6_inspect()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions);
        AssertScriptsValid(output);
        GeneratedScripts.AssertInspected(output);
    }

    [Fact]
    public void Sample_shop_scripts_use_only_existing_k6_apis_and_pass_k6_inspect()
    {
        var model = GenerationFixtures.SampleShop();
        var declared = LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions);
        var groups = LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions with { Flows = [] });
        AssertScriptsValid(declared);
        AssertScriptsValid(groups);
        GeneratedScripts.AssertInspected(declared, groups);
    }

    [Fact]
    public void Without_BASE_URL_k6_inspect_passes_and_a_run_stops_before_any_request_with_LT4050()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions);
        var folder = Directory.CreateTempSubdirectory("lt-no-target-").FullName;
        try
        {
            Flows.GeneratedRun.WriteScripts(output, folder);
            var script = Path.Combine(folder, output.Files.First(f => f.Kind == GeneratedFileKind.K6Script && !f.RelativePath.StartsWith("lib/", StringComparison.Ordinal)).RelativePath);

            // No -e BASE_URL and none in the environment: the script still parses and resolves its options.
            var inspect = LoadTest.Tests.Shared.K6Tool.Run(["inspect", "--execution-requirements", script], folder, null, TimeSpan.FromSeconds(60));
            Assert.True(inspect.Succeeded, inspect.ToString());

            // A run aborts in its first iteration (k6 exits 108 for a script abort), naming the variable; nothing is sent.
            var run = LoadTest.Tests.Shared.K6Tool.Run(["run", "--vus", "1", "--iterations", "1", script], folder, null, TimeSpan.FromSeconds(60));
            Assert.False(run.TimedOut, run.ToString());
            Assert.Equal(108, run.ExitCode);
            Assert.Contains("LT4050: BASE_URL is not set", run.Stdout + run.Stderr, StringComparison.Ordinal);
            // k6 lists http_reqs only once a request was made.
            Assert.DoesNotContain("http_reqs", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Shared_spec_scripts_use_only_existing_k6_apis_and_pass_k6_inspect()
    {
        // Every spec of ../shared/specs, every script real k6 inspects (in batches: one k6 process per ~40 scripts).
        var outputs = new List<(string, GenerationOutput)>();
        foreach (var (name, model) in GenerationFixtures.SharedModels())
        {
            var output = LoadTestGenerator.Generate(model, new GenerationOptions("Spec", "Spec"));
            Assert.False(output.HasErrors, name);
            AssertScriptsValid(output);
            outputs.Add((name, output));
        }

        Assert.True(outputs.Count >= 10, $"only {outputs.Count} shared specs were read");
        GeneratedScripts.AssertInspected(outputs);
    }

    [Fact]
    public void Optional_members_and_arrays_of_objects_are_objects_in_k6_too()
    {
        // `() => { "id": 1 }` is a block to JavaScript (a syntax error, or undefined for `() => {}`): objects in arrows are parenthesised.
        var member = new MemberRule("id", new ConstRule(System.Text.Json.Nodes.JsonValue.Create(1)), 1);
        var optional = new ObjectRule([new MemberRule("tag", new ObjectRule([member]), 0.5), new MemberRule("none", new ObjectRule([]), 0.5)]);
        var list = new ArrayRule(new ObjectRule([member]), 1, 2, false);
        var empties = new ArrayRule(new ObjectRule([]), 1, 2, false);

        Assert.Contains("lt.maybe(0.5, () => ({", JsWriter.Write(optional), StringComparison.Ordinal);
        Assert.Contains("lt.maybe(0.5, () => ({}))", JsWriter.Write(optional), StringComparison.Ordinal);
        Assert.StartsWith("lt.array(1, 2, () => ({", JsWriter.Write(list), StringComparison.Ordinal);
        Assert.Equal("lt.array(1, 2, () => ({}), false)", JsWriter.Write(empties));
        Assert.Equal("() => x", JsWriter.Thunk("x"));
        Assert.Equal("() => ({a: 1})", JsWriter.Thunk("{a: 1}"));
        foreach (var rule in new ValueRule[] { optional, list, empties })
        {
            Parse("expr.js", "const x = " + JsWriter.Write(rule) + ";\n" + JsWriter.Write(rule) + ";\n");
        }
    }

    [Fact]
    public void The_checker_catches_a_made_up_k6_function()
    {
        // The allow-list test must be able to fail: a script calling a k6 function that does not exist.
        var bad = Parse("bad.js", "import http from 'k6/http';\nimport { Trend } from 'k6/metrics';\nconst t = new Trend('x');\nexport default function () { const res = http.fetch('x'); t.record(1); res.statusCode; }");
        var problems = Problems("bad.js", bad, new HashSet<string>());

        Assert.Contains(problems, p => p.Contains("http.fetch", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("t.record", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("res.statusCode", StringComparison.Ordinal));
    }
}
