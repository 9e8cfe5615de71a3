using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>Every generated C# file compiles against LoadTest.Runtime (and the test framework) with no warning.</summary>
public sealed class CSharpTwinCompilationTests
{
    private static void AssertCompiles(GenerationOutput output, bool withStubs = false, bool bothUsingStyles = false)
    {
        Assert.DoesNotContain(output.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var sources = output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
        Assert.NotEmpty(sources);
        foreach (var globalUsings in bothUsingStyles ? new[] { false, true } : [false])
        {
            var diagnostics = TwinCompiler.Compile(sources, withStubs, globalUsings);
            Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, sources));
        }
    }

    [Fact]
    public void Hand_built_shop_checkout_twin_compiles()
    {
        // Also with the global usings of ImplicitUsings: generated usings must not clash with a consumer's.
        AssertCompiles(LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions), bothUsingStyles: true);
    }

    [Fact]
    public void Default_group_flows_of_the_shop_compile()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { Flows = [] });

        Assert.Contains(output.Files, f => f.RelativePath == "ShopApi.CartOrdersScenario.g.cs");
        Assert.Contains(output.Files, f => f.RelativePath == "ShopApi.ProductsScenario.g.cs");
        AssertCompiles(output);
    }

    [Theory]
    [InlineData("xunit", "[Fact]", "[Trait(\"Category\", \"Load\")]")]
    [InlineData("xunit.v3", "[Fact]", "TestContext.Current.CancellationToken")]
    [InlineData("mstest", "[TestMethod]", "[TestCategory(\"Load\")]")]
    [InlineData("mstest", "[TestMethod]", "[TestProperty(\"Category\", \"Load\")]")]
    [InlineData("nunit", "[Test]", "[Category(\"Load\")]")]
    public void Test_class_follows_the_framework_and_compiles(string framework, string testAttribute, string marker)
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { TestFramework = framework });

        var tests = GenerationFixtures.FileAt(output, "ShopApi.LoadTests.g.cs").Content;
        Assert.Contains(testAttribute, tests, StringComparison.Ordinal);
        Assert.Contains(marker, tests, StringComparison.Ordinal);
        Assert.Contains("namespace Shop.Tests.LoadTests;", tests, StringComparison.Ordinal);
        Assert.Contains("public partial class ShopApiLoadTests", tests, StringComparison.Ordinal);
        Assert.Contains("LoadAssert.ThresholdsPassed(result)", tests, StringComparison.Ordinal);
        AssertCompiles(output, withStubs: framework != "xunit");
    }

    [Fact]
    public void No_test_class_for_framework_none()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { TestFramework = "none" });

        Assert.DoesNotContain(output.Files, f => f.RelativePath.EndsWith("LoadTests.g.cs", StringComparison.Ordinal));
        AssertCompiles(output);
    }

    [Fact]
    public void Sample_shop_openapi_twins_compile()
    {
        var model = GenerationFixtures.SampleShop();
        AssertCompiles(LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions));
        AssertCompiles(LoadTestGenerator.Generate(model, GenerationFixtures.ShopOptions with { Flows = [] }));
    }

    [Fact]
    public void Shared_spec_twins_compile()
    {
        var sources = new List<(string, string)>();
        var count = 0;
        foreach (var (name, model) in GenerationFixtures.SharedModels())
        {
            var prefix = "Spec" + count++;
            var output = LoadTestGenerator.Generate(model, new GenerationOptions(prefix, prefix));
            Assert.False(output.HasErrors, name + ": " + string.Join("; ", output.Diagnostics.Select(d => d.Message)));
            sources.AddRange(output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (name + "/" + f.RelativePath, f.Content)));
        }

        Assert.True(count >= 10, $"only {count} shared specs were read");
        var diagnostics = TwinCompiler.Compile(sources);
        Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, sources));
    }
}
