using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using JsNode = Acornima.Ast.Node;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Holds each k6 script beside its C# twin, each read by its own parser (Acornima, Roslyn), and compares what they
/// would do: the same requests (method and tags.name), checks, custom metrics, profile and overrides, and the same
/// payload helper calls with the same arguments in the same order.
/// </summary>
public sealed class ParityTests
{
    /// <summary>Payload helpers compared call by call (JS name; the C# name is the same in PascalCase).</summary>
    private static readonly HashSet<string> PayloadHelpers = new(StringComparer.Ordinal)
    {
        "integer", "small", "zipf", "decimal", "bool", "pick", "maybe", "oneOf", "orElse", "array", "fit", "text", "word", "sentence",
        "firstName", "lastName", "fullName", "username", "email", "city", "country", "countryCode", "currency", "company", "street",
        "postalCode", "phone", "id", "uuid", "date", "dateTime", "time", "hostname", "uri", "ipv4", "ipv6", "password", "pattern",
        "query", "seg", "thinkTime",
    };

    private static readonly Dictionary<string, string> CSharpToJs = new(StringComparer.Ordinal) { ["PickJson"] = "pick", ["Segment"] = "seg" };

    internal sealed record Facts(
        List<string> Requests,
        List<string> Checks,
        List<string> Metrics,
        List<string> Calls,
        string Profile,
        string Overrides,
        List<string> Operations);

    [Fact]
    public void Shop_checkout_script_and_twin_agree()
    {
        AssertParity(LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with
        {
            DefaultProfile = "load",
            ProfileOverrides = new Dictionary<string, string> { ["vus"] = "50", ["timeScale"] = "0.1" },
        }));
    }

    [Fact]
    public void Sample_shop_scripts_and_twins_agree()
    {
        var model = GenerationFixtures.SampleShop();
        AssertParity(LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions));
        AssertParity(LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions with { Flows = [] }));
    }

    [Fact]
    public void Shared_spec_scripts_and_twins_agree()
    {
        foreach (var (name, model) in GenerationFixtures.SharedModels())
        {
            AssertParity(LoadTestGenerator.Generate(model, new GenerationOptions("Spec", "Spec") { Seed = 42 }), name);
        }
    }

    [Fact]
    public void All_flows_script_and_plan_give_each_flow_the_same_share()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), GenerationFixtures.ShopOptions with { Flows = [] });
        var js = GenerationFixtures.FileAt(output, "all-flows.js").Content;
        var cs = GenerationFixtures.FileAt(output, "ShopApi.AllFlows.g.cs").Content;

        var jsShares = K6ScriptTests.Parse("all-flows.js", js).DescendantNodesAndSelf().OfType<CallExpression>()
            .Where(c => c.Callee is MemberExpression { Property: Identifier { Name: "scenario" } })
            .Select(c => $"{((StringLiteral)c.Arguments[2]).Value}:{Number(((NumericLiteral)c.Arguments[1]).Value)}")
            .ToList();
        var csShares = CSharpSyntaxTree.ParseText(cs).GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "CreateScenario" })
            .Select(i => $"{char.ToLowerInvariant(i.Expression.ToString()[0])}{i.Expression.ToString()[1..].Replace("Scenario.CreateScenario", "Flow", StringComparison.Ordinal)}:{Number(System.Convert.ToDouble(((LiteralExpressionSyntax)i.ArgumentList.Arguments[1].Expression).Token.Value, CultureInfo.InvariantCulture))}")
            .ToList();

        Assert.True(jsShares.Count >= 2, string.Join(", ", jsShares));
        Assert.Equal(jsShares, csShares);
        Assert.Equal(1.0, jsShares.Sum(s => double.Parse(s.Split(':')[1], CultureInfo.InvariantCulture)), 6);
        var sources = output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
        Assert.Contains("public async Task AllFlows()", GenerationFixtures.FileAt(output, "ShopApi.LoadTests.g.cs").Content, StringComparison.Ordinal);
        var diagnostics = TwinCompiler.Compile(sources);
        Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, sources));
    }

    [Fact]
    public void A_twin_that_drifts_is_caught()
    {
        // The comparison must be able to fail: change one number in the C# twin only.
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions);
        var js = GenerationFixtures.FileAt(output, "checkout.js").Content;
        var cs = GenerationFixtures.FileAt(output, "ShopApi.CheckoutScenario.g.cs").Content;
        var drifted = cs.Replace("Payload.Small(vu.Random, 1, 10)", "Payload.Small(vu.Random, 1, 12)", StringComparison.Ordinal);
        Assert.NotEqual(cs, drifted);

        var auth = GenerationFixtures.FileAt(output, "ShopApi.Auth.g.cs").Content;

        Assert.NotEqual(JsFacts(js).Calls, CSharpFacts(auth + drifted).Calls);
        Assert.Equal(JsFacts(js).Calls, CSharpFacts(auth + cs).Calls);
    }

    private static void AssertParity(GenerationOutput output, string? context = null)
    {
        Assert.False(output.HasErrors, context);
        var scripts = output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script && f.RelativePath is not ("lib/loadtest.js" or "all-flows.js")).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var flow = Path.GetFileNameWithoutExtension(script.RelativePath);
            var twin = output.Files.Single(f => f.Kind == GeneratedFileKind.CSharp && f.Content.Contains($"public const string ScenarioName = \"{flow}\";", StringComparison.Ordinal));
            // The k6 script logs in itself; the C# twin leaves that to the shared auth helper, which runs first.
            var auth = output.Files.Single(f => f.RelativePath.EndsWith(".Auth.g.cs", StringComparison.Ordinal));
            var js = JsFacts(script.Content);
            var cs = CSharpFacts(auth.Content + "\n" + twin.Content);
            var where = $"{context} {script.RelativePath} vs {twin.RelativePath}";

            Assert.True(js.Requests.SequenceEqual(cs.Requests), $"{where}: requests\n{string.Join(", ", js.Requests)}\n{string.Join(", ", cs.Requests)}");
            Assert.True(js.Checks.SequenceEqual(cs.Checks), $"{where}: checks");
            Assert.True(js.Metrics.SequenceEqual(cs.Metrics), $"{where}: metrics\n{string.Join(", ", js.Metrics)}\n{string.Join(", ", cs.Metrics)}");
            Assert.Equal(js.Profile, cs.Profile);
            Assert.Equal(js.Overrides, cs.Overrides);
            Assert.Equal(js.Operations, cs.Operations);
            Assert.True(js.Calls.SequenceEqual(cs.Calls), $"{where}: payload calls differ\nJS: {string.Join(" ", js.Calls)}\nC#: {string.Join(" ", cs.Calls)}");
            Assert.Equal(Manifest.Read(script.Content)!.ToJsonString(), Manifest.Read(twin.Content)!.ToJsonString());
        }
    }

    internal static Facts JsFacts(string code)
    {
        var module = K6ScriptTests.Parse("script.js", code);
        var nodes = module.DescendantNodesAndSelf().ToList();
        var facts = new Facts([], [], [], [], "", "", []);
        string? profile = null, overrides = null;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case CallExpression { Callee: MemberExpression { Object: Identifier { Name: "http" }, Property: Identifier { Name: "request" } } } request:
                    var name = ((ObjectExpression)request.Arguments[3]).Properties.OfType<Property>()
                        .Where(p => p.Key is Identifier { Name: "tags" }).Select(p => (ObjectExpression)p.Value)
                        .SelectMany(o => o.Properties.OfType<Property>()).Single(p => p.Key is Identifier { Name: "name" }).Value;
                    facts.Requests.Add($"{((StringLiteral)request.Arguments[0]).Value} {((StringLiteral)name).Value}");
                    break;
                case CallExpression { Callee: Identifier { Name: "check" } } check:
                    facts.Checks.AddRange(((ObjectExpression)check.Arguments[1]).Properties.OfType<Property>().Select(p => ((StringLiteral)p.Key).Value));
                    break;
                case NewExpression { Callee: Identifier { Name: "Trend" or "Rate" } ctor } metric:
                    facts.Metrics.Add($"{ctor.Name}:{((StringLiteral)metric.Arguments[0]).Value}");
                    break;
                case CallExpression { Callee: MemberExpression { Object: Identifier { Name: "lt" }, Property: Identifier helper } } call when PayloadHelpers.Contains(helper.Name):
                    facts.Calls.Add(helper.Name + "(" + string.Join(",", call.Arguments.SelectMany(a => JsLiterals(a, helper.Name, code))) + ")");
                    break;
                case CallExpression { Callee: MemberExpression { Object: Identifier { Name: "lt" }, Property: Identifier { Name: "resolveProfile" } } } resolve:
                    profile = ((StringLiteral)resolve.Arguments[0]).Value;
                    overrides = JsonNode.Parse(Source(code, resolve.Arguments[1]))!.ToJsonString();
                    break;
                case VariableDeclarator { Id: Identifier { Name: "OPERATIONS" }, Init: ArrayExpression operations }:
                    facts.Operations.AddRange(operations.Elements.Select(e => ((StringLiteral)e!).Value));
                    break;
            }
        }

        return facts with { Profile = profile!, Overrides = overrides! };
    }

    private static string Source(string code, JsNode node) => code[node.Range.Start..node.Range.End];

    private static IEnumerable<string> JsLiterals(JsNode argument, string helper, string code)
    {
        switch (argument)
        {
            case ArrayExpression array when helper == "pattern":
                yield return JsonNode.Parse(Source(code, array))!.ToJsonString();
                break;
            case ArrayExpression array:
                foreach (var element in array.Elements.Where(e => e is not null))
                {
                    foreach (var literal in JsLiterals(element!, helper, code))
                    {
                        yield return literal;
                    }
                }

                break;
            case NumericLiteral n:
                yield return Number(n.Value);
                break;
            case UnaryExpression { Operator: Acornima.Operator.UnaryNegation, Argument: NumericLiteral n }:
                yield return Number(-n.Value);
                break;
            case StringLiteral s:
                yield return "\"" + s.Value + "\"";
                break;
            case BooleanLiteral b:
                yield return b.Value ? "true" : "false";
                break;
            case NullLiteral:
                yield return "null";
                break;
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static Facts CSharpFacts(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
        var facts = new Facts([], [], [], [], "", "", []);
        string? profile = null;
        var overrides = new JsonObject();
        foreach (var node in root.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.Text: "HttpRequestSpec" } } request:
                    var method = ((MemberAccessExpressionSyntax)request.ArgumentList!.Arguments[0].Expression).Name.Identifier.Text.ToUpperInvariant();
                    var name = request.Initializer!.Expressions.OfType<AssignmentExpressionSyntax>().Single(a => a.Left.ToString() == "Name").Right;
                    facts.Requests.Add($"{method} {((LiteralExpressionSyntax)name).Token.ValueText}");
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "vu" }, Name.Identifier.Text: "Check" } } check:
                    facts.Checks.Add(((LiteralExpressionSyntax)check.ArgumentList.Arguments[1].Expression).Token.ValueText);
                    break;
                case FieldDeclarationSyntax { Declaration.Type: IdentifierNameSyntax { Identifier.Text: "TrendMetric" or "RateMetric" } type } field:
                    var creation = (ImplicitObjectCreationExpressionSyntax)field.Declaration.Variables[0].Initializer!.Value;
                    facts.Metrics.Add($"{type.Identifier.Text.Replace("Metric", "", StringComparison.Ordinal)}:{((LiteralExpressionSyntax)creation.ArgumentList.Arguments[0].Expression).Token.ValueText}");
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Payload" }, Name.Identifier.Text: var csName } } call:
                    var jsName = CSharpToJs.GetValueOrDefault(csName) ?? char.ToLowerInvariant(csName[0]) + csName[1..];
                    if (PayloadHelpers.Contains(jsName))
                    {
                        var arguments = call.ArgumentList.Arguments.Select(a => a.Expression).Where(e => e.ToString() != "vu.Random");
                        facts.Calls.Add(jsName + "(" + string.Join(",", arguments.SelectMany(a => CSharpLiterals(a, csName))) + ")");
                    }

                    break;
                case VariableDeclaratorSyntax { Identifier.Text: "DefaultProfile", Initializer.Value: LiteralExpressionSyntax p }:
                    profile = p.Token.ValueText;
                    break;
                case VariableDeclaratorSyntax { Identifier.Text: "BuildOverrides", Initializer.Value: ObjectCreationExpressionSyntax dictionary }:
                    foreach (var assignment in dictionary.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>() ?? [])
                    {
                        var key = ((LiteralExpressionSyntax)((ImplicitElementAccessSyntax)assignment.Left).ArgumentList.Arguments[0].Expression).Token.ValueText;
                        overrides[key] = ((LiteralExpressionSyntax)assignment.Right).Token.ValueText;
                    }

                    break;
                case VariableDeclaratorSyntax { Identifier.Text: "Operations", Initializer.Value: CollectionExpressionSyntax operations }:
                    facts.Operations.AddRange(operations.Elements.OfType<ExpressionElementSyntax>().Select(e => ((LiteralExpressionSyntax)e.Expression).Token.ValueText));
                    break;
            }
        }

        return facts with { Profile = profile!, Overrides = overrides.ToJsonString() };
    }

    private static IEnumerable<string> CSharpLiterals(ExpressionSyntax argument, string helper)
    {
        switch (argument)
        {
            case LiteralExpressionSyntax literal when helper == "Pattern" && literal.IsKind(SyntaxKind.StringLiteralExpression):
                Assert.True(PatternProgram.TryParse(literal.Token.ValueText, out var program, out _));
                yield return JsonNode.Parse(program!.ToJson())!.ToJsonString();
                break;
            case LiteralExpressionSyntax literal when helper == "PickJson" && literal.IsKind(SyntaxKind.StringLiteralExpression):
                foreach (var value in JsonNode.Parse(literal.Token.ValueText)!.AsArray())
                {
                    yield return value is null ? "null"
                        : value.GetValueKind() == System.Text.Json.JsonValueKind.String ? "\"" + value.GetValue<string>() + "\""
                        : value.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Number(value.GetValue<double>())
                        : value.ToJsonString();
                }

                break;
            case LiteralExpressionSyntax literal:
                yield return literal.Token.Value switch
                {
                    string s => "\"" + s + "\"",
                    bool b => b ? "true" : "false",
                    null => "null",
                    var n => Number(System.Convert.ToDouble(n, CultureInfo.InvariantCulture)),
                };
                break;
            case PrefixUnaryExpressionSyntax { OperatorToken.Text: "-", Operand: LiteralExpressionSyntax literal }:
                yield return Number(-System.Convert.ToDouble(literal.Token.Value, CultureInfo.InvariantCulture));
                break;
            case CastExpressionSyntax { Expression: LiteralExpressionSyntax { Token.Value: null } }:
                yield return "null";
                break;
            case TupleExpressionSyntax tuple:
                foreach (var literal in tuple.Arguments.SelectMany(a => CSharpLiterals(a.Expression, helper)))
                {
                    yield return literal;
                }

                break;
        }
    }
}
