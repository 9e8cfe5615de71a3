using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Generation;

public sealed class GeneratorOutputTests(ITestOutputHelper output)
{
    [Fact]
    public void Shop_checkout_generates_script_twin_helper_auth_and_tests()
    {
        var result = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions);

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        foreach (var file in result.Files)
        {
            output.WriteLine($"==== {file.Kind} {file.RelativePath}\n{file.Content}");
        }

        Assert.Equal(
            ["ShopApi.Auth.g.cs", "ShopApi.CheckoutScenario.g.cs", "ShopApi.LoadTests.g.cs", "checkout.js", "flows.md", "lib/loadtest.js"],
            result.Files.Select(f => f.RelativePath).Order(StringComparer.Ordinal));
    }
}
