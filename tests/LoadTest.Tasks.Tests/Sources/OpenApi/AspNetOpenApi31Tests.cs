using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>
/// An OpenAPI 3.1 document shaped like Microsoft.AspNetCore.OpenApi's output for eShop's Catalog API
/// (catalog-aspnet-31.json): numbers as <c>type: [integer, string]</c> with a pattern, a required Accept header and
/// api-version query with defaults, discriminators without a mapping. Asserted on the requests the generator sends.
/// </summary>
public sealed class AspNetOpenApi31Tests
{
    private static readonly Lazy<ApiModel> Catalog = new(() => ReadClean(Fixture("catalog-aspnet-31.json")));

    [Fact]
    public void Number_or_string_types_with_a_number_pattern_are_sent_as_numbers()
    {
        var model = Catalog.Value;
        var item = model.Schemas["CatalogItem"];
        Assert.Equal(("integer", null), (item.Properties["availableStock"].Type, item.Properties["availableStock"].Pattern));
        Assert.Equal("number", item.Properties["price"].Type);
        Assert.Empty(item.Properties["price"].AnyOf);
        // A union whose pattern admits no number text stays a choice.
        Assert.Equal(["string", "integer"], item.Properties["sku"].AnyOf.Select(s => s.Type));

        var list = Operation(model, "ListItems-V2");
        Assert.True(list.Parameters.Single(p => p.Name == "type").Schema is { Type: "integer", Nullable: true });

        foreach (var request in GeneratedRequests.Sample(model, Operation(model, "GetItem")))
        {
            Assert.Matches(@"^/api/catalog/items/-?\d+$", request.Path);
        }

        foreach (var request in GeneratedRequests.Sample(model, list))
        {
            Assert.Matches(@"^-?\d+$", request.Query["type"]);
            if (request.Query.TryGetValue("PageSize", out var pageSize))
            {
                Assert.Equal("10", pageSize);
            }
        }

        foreach (var request in GeneratedRequests.Sample(model, Operation(model, "CreateItem")))
        {
            var body = Assert.IsType<JsonObject>(request.Body);
            foreach (var member in new[] { "catalogTypeId", "catalogBrandId", "availableStock" })
            {
                Assert.Equal(System.Text.Json.JsonValueKind.Number, body[member]!.GetValueKind());
                Assert.Matches(@"^-?\d+$", body[member]!.ToJsonString());
            }

            Assert.Equal(System.Text.Json.JsonValueKind.Number, body["price"]!.GetValueKind());
        }
    }

    [Fact]
    public void Required_header_and_api_version_defaults_are_sent()
    {
        var model = Catalog.Value;
        var list = Operation(model, "ListItems-V2");
        Assert.All(GeneratedRequests.Sample(model, list), request =>
        {
            Assert.Equal("application/json", request.Headers["Accept"]);
            Assert.Equal("2.0", request.Query["api-version"]);
            Assert.Equal([200], request.ExpectedStatuses);
        });

        var output = GeneratedRequests.Generate(model, "ListItems-V2", "CreateItem", "GetItem");
        var script = output.Files.Single(f => f.RelativePath == "probe.js").Content;
        Assert.Contains("headers[\"Accept\"] = lt.asText(\"application/json\");", script, StringComparison.Ordinal);
        Assert.Contains("[\"api-version\", \"2.0\"]", script, StringComparison.Ordinal);
        Assert.Contains("r.status === 201", script, StringComparison.Ordinal);
        var twin = output.Files.Single(f => f.RelativePath == "Api.ProbeScenario.g.cs").Content;
        Assert.Contains("headers[\"Accept\"] = Payload.AsText(\"application/json\");", twin, StringComparison.Ordinal);
        GeneratedRequests.AssertK6Accepts(output);
    }

    [Fact]
    public void Discriminators_without_mapping_send_a_value_the_variant_allows()
    {
        var model = Catalog.Value;
        var kinds = new HashSet<string>();
        foreach (var request in GeneratedRequests.Sample(model, Operation(model, "CreatePromotion"), 200))
        {
            var discount = request.Body!["discount"]!.AsObject();
            var kind = discount["kind"]!.GetValue<string>();
            kinds.Add(kind);
            // each variant carries its own value: never the schema name, never outside the enum
            switch (kind)
            {
                case "percent":
                    Assert.True(discount.ContainsKey("percent"));
                    break;
                case "amount":
                    Assert.True(discount.ContainsKey("amount"));
                    break;
                case "free-shipping":
                    Assert.False(discount.ContainsKey("percent") || discount.ContainsKey("amount"));
                    break;
                default:
                    Assert.Fail($"discriminator value '{kind}' is not one the variants allow");
                    break;
            }
        }

        Assert.Equal(["amount", "free-shipping", "percent"], kinds.Order());

        // An unconstrained string property takes the schema name, as OpenAPI's implicit mapping says.
        var notes = GeneratedRequests.Sample(model, Operation(model, "CreateNote"), 100)
            .Select(r => (Type: r.Body!["type"]!.GetValue<string>(), HasText: r.Body!.AsObject().ContainsKey("text"))).ToList();
        Assert.All(notes, n => Assert.Equal(n.Type == "TextNote", n.HasText));
        Assert.Equal(["TextNote", "VoiceNote"], notes.Select(n => n.Type).Distinct().Order());
    }

    [Fact]
    public void A_discriminator_no_value_of_the_variant_fits_is_reported()
    {
        var model = Catalog.Value;
        var diagnostics = new List<SourceDiagnostic>();
        var requests = GeneratedRequests.Sample(model, Operation(model, "CreateGift"), 20, diagnostics);
        Assert.All(requests, r => Assert.Matches("^[a-z]+$", r.Body!["kind"]!.GetValue<string>()));
        var warning = Assert.Single(diagnostics, d => d.Code == "LT1080");
        Assert.Contains("GiftCard", warning.Message, StringComparison.Ordinal);
    }
}
