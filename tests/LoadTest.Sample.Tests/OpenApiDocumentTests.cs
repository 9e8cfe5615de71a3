using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using ShopApi;
using ShopApi.Catalog;
using ShopApi.Endpoints;

namespace LoadTest.Sample.Tests;

/// <summary>samples/ShopApi/openapi.yaml is hand-written: these tests hold it to what the running API does.</summary>
public sealed class OpenApiDocumentTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>
{
    private static readonly Lazy<Task<OpenApiDocument>> Document = new(LoadAsync);

    private static async Task<OpenApiDocument> LoadAsync()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var result = await OpenApiDocument.LoadAsync(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"), settings);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic?.SpecificationVersion);
        return result.Document!;
    }

    private static IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(op => (path.Key, op.Key.Method, op.Value)));

    private static IOpenApiSchema Schema(OpenApiDocument document, string name) => document.Components!.Schemas![name];

    private static string[] EnumValues(IOpenApiSchema schema) => schema.Enum!.Select(value => value!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Document_describes_exactly_the_routes_the_app_serves()
    {
        var document = await Document.Value;
        var documented = Operations(document).Select(op => $"{op.Method} {op.Path}").Order().ToArray();

        var served = shop.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {endpoint.RoutePattern.RawText}"))
            .Order()
            .ToArray();

        Assert.Equal(served, documented);
    }

    [Fact]
    public async Task Operation_ids_and_bearer_security_match_the_brief()
    {
        var document = await Document.Value;
        var operations = Operations(document).ToDictionary(op => op.Operation.OperationId!, op => op.Operation);

        Assert.Superset(new HashSet<string> { "auth_login", "products_list", "cart_add", "orders_create", "orders_get" }, operations.Keys.ToHashSet());
        Assert.Equal(SecuritySchemeType.Http, document.Components!.SecuritySchemes!["bearerAuth"].Type);
        Assert.Equal("bearer", document.Components.SecuritySchemes["bearerAuth"].Scheme);
        foreach (var (id, operation) in operations)
        {
            var schemes = (operation.Security ?? []).SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference.Id).ToArray();
            var isProtected = id is "cart_add" or "orders_create" or "orders_get";
            Assert.True(isProtected ? schemes.SequenceEqual(["bearerAuth"]) : schemes.Length == 0, $"{id} security: [{string.Join(", ", schemes)}]");
        }
    }

    [Fact]
    public async Task Constraints_match_the_validation_in_code()
    {
        var document = await Document.Value;

        Assert.Equal(ProductCatalog.Variants, EnumValues(Schema(document, "Variant")));
        Assert.Equal(OrderEndpoints.PaymentMethods, EnumValues(Schema(document, "PaymentMethod")));
        var quantity = Schema(document, "CartAddRequest").Properties!["quantity"];
        Assert.Equal(CartEndpoints.MinQuantity.ToString(), quantity.Minimum);
        Assert.Equal(CartEndpoints.MaxQuantity.ToString(), quantity.Maximum);
        Assert.Equal(["productId", "quantity", "variant"], Schema(document, "CartAddRequest").Required!.Order());
        Assert.Equal(["password", "username"], Schema(document, "LoginRequest").Required!.Order());
        Assert.Equal(["paymentMethod", "shippingAddress"], Schema(document, "OrderCreateRequest").Required!.Order());
        Assert.Equal("^[A-Z]{2}$", Schema(document, "ShippingAddress").Properties!["country"].Pattern);
        Assert.Contains("id", Schema(document, "Order").Required!);
        var signUp = Schema(document, "SignUpRequest");
        Assert.Equal(["password", "username"], signUp.Required!.Order());
        Assert.Equal(AuthEndpoints.MinPasswordLength, signUp.Properties!["password"].MinLength);
        Assert.Equal("^[A-Za-z0-9._-]{3,64}$", signUp.Properties["username"].Pattern);
    }

    [Theory]
    [InlineData("prod_1", true)]
    [InlineData("prod_99", true)]
    [InlineData("prod_499", true)]
    [InlineData("prod_500", true)]
    [InlineData("prod_0", false)]
    [InlineData("prod_501", false)]
    [InlineData("prod_007", false)]
    public async Task Product_id_pattern_accepts_exactly_the_catalog(string id, bool inCatalog)
    {
        var pattern = Schema(await Document.Value, "ProductId").Pattern!;
        Assert.Equal(inCatalog, System.Text.RegularExpressions.Regex.IsMatch(id, pattern));
        Assert.Equal(inCatalog, new ProductCatalog().TryFind(id, out _));
    }

    [Fact]
    public async Task Requests_built_from_the_documents_examples_are_accepted()
    {
        var document = await Document.Value;
        var token = await shop.Client.NewUserAsync();
        var cartAdd = ExampleObject(document, Schema(document, "CartAddRequest"));

        using var added = await shop.Client.PostRawAsync("api/cart/add", cartAdd.ToJsonString(), token);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var cart = await ShopTestClient.ReadJsonAsync(added);
        AssertHasRequired(Schema(document, "Cart"), cart);

        var orderCreate = ExampleObject(document, Schema(document, "OrderCreateRequest"));
        orderCreate["cartId"] = cart.GetProperty("cartId").GetString();
        using var created = await shop.Client.PostRawAsync("api/orders/create", orderCreate.ToJsonString(), token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await ShopTestClient.ReadJsonAsync(created);
        AssertHasRequired(Schema(document, "Order"), order);
        Assert.Matches(Schema(document, "Order").Properties!["id"].Pattern!, order.GetProperty("id").GetString()!);
    }

    // Builds an object of the required members from the schema's examples (following $refs), as a payload generator would.
    private static JsonObject ExampleObject(OpenApiDocument document, IOpenApiSchema schema)
    {
        var result = new JsonObject();
        foreach (var name in schema.Required!)
        {
            var property = schema.Properties![name];
            result[name] = property.Properties is { Count: > 0 }
                ? ExampleObject(document, property)
                : Example(property)?.DeepClone() ?? throw new Xunit.Sdk.XunitException($"'{name}' has no example");
        }

        return result;
    }

    // OpenAPI 3.0's single `example` keyword; the library marks it obsolete in favour of 3.1's `examples`.
#pragma warning disable CS0618
    private static JsonNode? Example(IOpenApiSchema schema) => schema.Examples?.FirstOrDefault() ?? schema.Example;
#pragma warning restore CS0618

    private static void AssertHasRequired(IOpenApiSchema schema, System.Text.Json.JsonElement body)
    {
        foreach (var name in schema.Required!)
        {
            Assert.True(body.TryGetProperty(name, out _), $"response lacks required '{name}'");
        }
    }
}
