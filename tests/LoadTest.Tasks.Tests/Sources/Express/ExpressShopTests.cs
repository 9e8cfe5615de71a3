using LoadTest.Tasks.Model;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>The seed case of the product story: routes in src/routes mounted in src/app.ts, bodies from src/types.</summary>
public sealed class ExpressShopTests(ITestOutputHelper output)
{
    private readonly ApiModel _model = ExpressFixtures.ReadModel("shop-ts/src");

    [Fact]
    public void Finds_the_checkout_operations_with_their_mounted_prefixes()
    {
        output.WriteLine(ExpressFixtures.Dump(_model));
        var names = _model.Operations.Select(o => o.DisplayName).Order().ToList();
        Assert.Equal(
            ["GET /api/orders/{id}", "GET /api/products", "GET /health", "GET /metrics", "POST /api/auth/login", "POST /api/cart/add", "POST /api/orders/create"],
            names);
    }

    [Fact]
    public void Cart_body_comes_from_the_interface_with_jsdoc_constraints_and_enum()
    {
        var body = _model.Body(_model.Op("POST", "/api/cart/add"));
        Assert.Equal("object", body.Type);
        Assert.Equal(["productId", "quantity", "variant"], body.Required.Order());
        var productId = body.Properties["productId"];
        Assert.Equal("^prod_[0-9]+$", productId.Pattern);
        Assert.Equal("prod_42", productId.Examples.Single()!.GetValue<string>());
        var quantity = body.Properties["quantity"];
        Assert.Equal("integer", quantity.Type);
        Assert.Equal(1m, quantity.Minimum);
        Assert.Equal(10m, quantity.Maximum);
        var variant = _model.Resolve(body.Properties["variant"]);
        Assert.Equal(["S", "M", "L", "XL"], variant.EnumStrings());
        Assert.Equal(200, body.Properties["note"].MaxLength);
    }

    [Fact]
    public void Order_body_resolves_namespace_imports_barrels_nested_interfaces_and_string_enums()
    {
        var body = _model.Body(_model.Op("POST", "/api/orders/create"));
        Assert.Equal(["paymentMethod", "shippingAddress"], body.Required.Order());
        var address = _model.Resolve(body.Properties["shippingAddress"]);
        Assert.Equal("^[A-Za-z0-9 -]{2,10}$", address.Properties["postalCode"].Pattern);
        Assert.Equal(["city", "country", "postalCode", "street"], address.Required.Order());
        Assert.Equal("ISO 3166-1 alpha-2 country code.", address.Properties["country"].Description);
        Assert.Equal(["card", "paypal", "invoice"], _model.Resolve(body.Properties["paymentMethod"]).EnumStrings());
        Assert.True(body.Properties["cartId"].Nullable);
        Assert.Equal("^cart_[0-9a-f]{32}$", body.Properties["cartId"].Pattern);
    }

    [Fact]
    public void Login_body_comes_from_the_request_generic()
    {
        var operation = _model.Op("POST", "/api/auth/login");
        var body = _model.Body(operation);
        Assert.Equal((1, 100), (body.Properties["username"].MinLength, body.Properties["username"].MaxLength));
        Assert.Equal(("password", 200), (body.Properties["password"].Format, body.Properties["password"].MaxLength));
        Assert.Equal(["Bearer"], _model.Resolve(operation.Responses.Single(r => r.StatusCode == "200").Content.Single().Schema).Properties["tokenType"].EnumStrings());
        Assert.Contains(operation.Responses, r => r.StatusCode == "400");
        Assert.Null(operation.Security);
    }

    [Fact]
    public void Path_query_and_security_are_read_from_handlers_and_middleware()
    {
        var get = _model.Op("GET", "/api/orders/{id}");
        var id = Assert.Single(get.Parameters);
        Assert.Equal(("id", ParameterLocation.Path, true), (id.Name, id.In, id.Required));
        Assert.Contains(get.Responses, r => r.StatusCode == "404");
        Assert.Equal("bearerAuth", Assert.Single(get.Security!).SchemeKey);
        Assert.NotNull(_model.Op("POST", "/api/cart/add").Security);
        Assert.Equal(SecuritySchemeKind.HttpBearer, _model.SecuritySchemes["bearerAuth"].Kind);

        var products = _model.Op("GET", "/api/products");
        Assert.Equal(["page", "pageSize"], products.Parameters.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name).Order());
        Assert.Equal("cartId", _model.Op("POST", "/api/cart/add").Parameters.Single(p => p.In == ParameterLocation.Query).Name);
        Assert.Null(products.RequestBody);
    }

    [Fact]
    public void Operations_point_at_the_route_file_and_line()
    {
        var add = _model.Op("POST", "/api/cart/add");
        Assert.EndsWith(Path.Combine("routes", "cart.ts"), add.Location.File);
        Assert.Equal(8, add.Location.Line);
        Assert.Equal("shop-api", _model.Title);
    }
}
