using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources;
using LoadTest.Tasks.Sources.AspNetCore;
using LoadTest.Tasks.Tests.Sources.Express;

namespace LoadTest.Tasks.Tests.Sources.AspNetCore;

/// <summary>Minimal APIs, controllers and DTOs read from syntax; every test names the operations it expects.</summary>
public sealed class AspNetCoreReaderTests
{
    internal static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "AspNetCore", name);

    internal static SourceReadResult Read(string name) => new AspNetCoreSourceReader().Read(PathOf(name));

    private static string Names(ApiModel model) => string.Join("; ", model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));

    [Fact]
    public void Shop_minimal_api_groups_extension_methods_and_const_prefixes()
    {
        var result = Read("shop-minimal/ShopApi.csproj");
        var model = result.Model!;
        Assert.Empty(result.Diagnostics);
        Assert.Equal("GET /api/orders/{id}; GET /api/products; GET /health; GET /metrics; POST /api/auth/login; POST /api/cart/add; POST /api/orders/create", Names(model));
        Assert.Equal("ShopApi", model.Title);

        var add = model.Op("POST", "/api/cart/add");
        var body = model.Body(add);
        Assert.Equal(["productId", "quantity", "variant"], body.Required.Order());
        Assert.Equal("^prod_[0-9]+$", body.Properties["productId"].Pattern);
        Assert.Equal((1m, 10m, "integer"), (body.Properties["quantity"].Minimum, body.Properties["quantity"].Maximum, body.Properties["quantity"].Type));
        Assert.Equal(["S", "M", "L", "XL"], model.Resolve(body.Properties["variant"]).EnumStrings());
        Assert.Equal(200, body.Properties["note"].MaxLength);
        Assert.Equal("Cart", Assert.Single(add.Responses).Content.Single().Schema.RefName);
        Assert.NotNull(add.Security);
        // the ICartService and CancellationToken are not request data
        Assert.Equal(("cartId", ParameterLocation.Query, false), (add.Parameters.Single().Name, add.Parameters.Single().In, add.Parameters.Single().Required));

        var order = model.Body(model.Op("POST", "/api/orders/create"));
        Assert.Equal(["paymentMethod", "shippingAddress"], order.Required.Order());
        Assert.Equal(["card", "paypal", "invoice"], model.Resolve(order.Properties["paymentMethod"]).EnumStrings());
        Assert.Equal("^[A-Za-z0-9 -]{2,10}$", model.Resolve(order.Properties["shippingAddress"]).Properties["postalCode"].Pattern);

        var login = model.Op("POST", "/api/auth/login");
        Assert.Equal("Login", login.OperationId);
        Assert.Equal((1, 100), (model.Body(login).Properties["username"].MinLength, model.Body(login).Properties["username"].MaxLength));
        Assert.Empty(login.Security!); // AllowAnonymous: explicitly anonymous

        var products = model.Op("GET", "/api/products");
        Assert.Equal(["page", "pageSize"], products.Parameters.Select(p => p.Name));
        Assert.Equal((1m, 100m), (products.Parameters[1].Schema.Minimum, products.Parameters[1].Schema.Maximum));
        Assert.All(products.Parameters, p => Assert.Equal((ParameterLocation.Query, false), (p.In, p.Required)));

        var get = model.Op("GET", "/api/orders/{id}");
        Assert.Equal(("id", ParameterLocation.Path), (get.Parameters.Single().Name, get.Parameters.Single().In));
        // Results<Ok<Order>, NotFound>: both statuses, the payload on the 200
        Assert.Equal(["200", "404"], get.Responses.Select(r => r.StatusCode));
        Assert.Equal("Order", get.Responses[0].Content.Single().Schema.RefName);
        // Results.Created(…) in an IResult lambda: the check expects 201
        Assert.Equal("201", model.Op("POST", "/api/orders/create").Responses.Single().StatusCode);
        Assert.Equal(SecuritySchemeKind.HttpBearer, model.SecuritySchemes["bearerAuth"].Kind);
        Assert.DoesNotContain("ICartService", model.Schemas.Keys);
    }

    [Fact]
    public void Minimal_api_route_constraints_binding_sources_and_located_warnings()
    {
        var result = Read("minimal-patterns");
        var model = result.Model!;
        Assert.Equal(
            "DELETE /items/{id}; GET /dynamic; GET /files; GET /files/{path}; GET /ping; GET /posts; GET /posts/{slug}; GET /report; " +
            "GET /v1/users/search; GET /v1/users/{id}; GET /v1/users/{userId}/avatar; HEAD /ping; PATCH /range/{n}; POST /v1/users/upload; PUT /v1/users/{id}",
            Names(model));

        Assert.Equal(("integer", 1m), (model.Op("GET", "/v1/users/{id}").Parameters.Single().Schema.Type, model.Op("GET", "/v1/users/{id}").Parameters.Single().Schema.Minimum));
        var avatar = model.Op("GET", "/v1/users/{userId}/avatar");
        Assert.Equal("uuid", avatar.Parameters.Single(p => p.In == ParameterLocation.Path).Schema.Format);
        Assert.False(avatar.Parameters.Single(p => p.Name == "size").Required);
        Assert.Equal(["users"], avatar.Tags);

        var put = model.Op("PUT", "/v1/users/{id}");
        Assert.True(put.Parameters.Single(p => p is { Name: "If-Match", In: ParameterLocation.Header }).Required);
        var update = model.Body(put);
        Assert.Equal((0m, 150m), (update.Properties["age"].Minimum, update.Properties["age"].Maximum));

        var search = model.Op("GET", "/v1/users/search");
        Assert.Equal(["Name:Query", "Page:Query", "X-Tenant:Header"], search.Parameters.Select(p => $"{p.Name}:{p.In}"));

        var upload = model.Op("POST", "/v1/users/upload").RequestBody!.Content.Single();
        Assert.Equal("multipart/form-data", upload.ContentType);
        Assert.Equal(["avatar", "caption"], upload.Schema.Required);

        Assert.Empty(model.Op("GET", "/posts").Parameters);
        Assert.Equal("path", model.Op("GET", "/files/{path}").Parameters.Single().Name);
        Assert.Equal(["id:Path:int64", "hard:Query:"], model.Op("DELETE", "/items/{id}").Parameters.Select(p => $"{p.Name}:{p.In}:{p.Schema.Format}"));
        Assert.Equal((1m, 100m), (model.Op("PATCH", "/range/{n}").Parameters.Single().Schema.Minimum, model.Op("PATCH", "/range/{n}").Parameters.Single().Schema.Maximum));
        Assert.False(model.Op("PATCH", "/range/{n}").RequestBody!.Required);

        string Where(string code) => string.Join(";", result.Diagnostics.Where(d => d.Code == code).Select(d => $"{Path.GetFileName(d.Location.File)}:{d.Location.Line}"));
        Assert.Equal("Program.cs:21", Where("LT1201"));
        Assert.Equal("Program.cs:22", Where("LT1203"));
        Assert.Equal("Program.cs:20", Where("LT1204"));
    }

    [Fact]
    public void Controllers_with_base_route_tokens_verbs_and_annotations()
    {
        var result = Read("controllers");
        var model = result.Model!;
        Assert.Equal(
            "DELETE /api/Books/{id}; GET /admin/Reports/Daily; GET /admin/Reports/search; GET /admin/Reports/status; GET /api/Books; GET /api/Books/{id}; " +
            "GET /api/authors/{authorId}/books; HEAD /admin/Reports/status; POST /api/Books; POST /api/Books/Import/{isbn}; PUT /api/Books/{id}",
            Names(model));

        var list = model.Op("GET", "/api/Books");
        Assert.Equal(["author", "page_size"], list.Parameters.Select(p => p.Name));
        Assert.Empty(list.Security!);
        Assert.Equal("bearerAuth", model.Op("DELETE", "/api/Books/{id}").Security!.Single().SchemeKey);
        Assert.Equal(["200", "404"], model.Op("GET", "/api/Books/{id}").Responses.Select(r => r.StatusCode));
        Assert.Equal("^[0-9]{13}$", model.Op("POST", "/api/Books/Import/{isbn}").Parameters.Single().Schema.Pattern);

        var create = model.Op("POST", "/api/Books");
        Assert.Equal("X-Request-Id", create.Parameters.Single(p => p.In == ParameterLocation.Header).Name);
        Assert.Equal("Book", create.Responses.Single().Content.Single().Schema.RefName);
        var body = model.Body(create);
        Assert.Equal((1, 200), (body.Properties["title"].MinLength, body.Properties["title"].MaxLength));
        Assert.Equal("^[0-9]{13}$", body.Properties["isbn_13"].Pattern);
        Assert.Equal((0.01m, 999.99m), (body.Properties["price"].Minimum, body.Properties["price"].Maximum));
        Assert.Equal(["1", "2", "10"], model.Resolve(body.Properties["genre"]).EnumStrings()); // no JsonStringEnumConverter: integers
        Assert.Equal((1, 5), (body.Properties["authors"].MinItems, body.Properties["authors"].MaxItems));
        Assert.Equal("email", body.Properties["contactEmail"].Format);
        Assert.Equal("integer", body.Properties["stock"].AdditionalProperties!.Type);
        Assert.DoesNotContain("internal", body.Properties.Keys);
        Assert.Contains("title", body.Required);
        Assert.DoesNotContain("contactEmail", body.Required);
        Assert.Equal("A book on the shelf.", model.Schemas["Book"].Description);

        Assert.Equal("date", model.Op("GET", "/admin/Reports/Daily").Parameters.Single().Schema.Format);
        string Where(string code) => string.Join(";", result.Diagnostics.Where(d => d.Code == code).Select(d => $"{Path.GetFileName(d.Location.File)}:{d.Location.Line}"));
        Assert.Equal("BooksController.cs:34", Where("LT1205"));
        Assert.Equal("ReportsController.cs:17", Where("LT1204"));
    }

    [Theory]
    [InlineData("/orders/{id:int}", "/orders/{id}", "integer")]
    [InlineData("orders/{id:guid}", "/orders/{id}", "string")]
    [InlineData("/a/{b?}", "/a|/a/{b}", "string")]
    [InlineData("/a/{b=5}", "/a|/a/{b}", "string")]
    [InlineData("/files/{**slug}", "/files|/files/{slug}", "string")]
    [InlineData("/{id:long:min(1)}/x", "/{id}/x", "integer")]
    public void Route_templates_become_OpenAPI_paths(string template, string expected, string type)
    {
        var variants = RouteTemplate.Parse(template);
        Assert.Equal(expected, string.Join("|", variants.Select(v => v.Template)));
        Assert.Equal(type, variants[^1].Parameters[^1].Schema.Type);
    }

    [Fact]
    public void Missing_project_is_an_error_and_CanRead_checks_web_projects()
    {
        var reader = new AspNetCoreSourceReader();
        var missing = reader.Read(Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid() + ".csproj"));
        Assert.Equal("LT1200", Assert.Single(missing.Diagnostics).Code);
        Assert.Null(missing.Model);
        Assert.True(reader.CanRead(PathOf("shop-minimal/ShopApi.csproj")));
        Assert.True(reader.CanRead(PathOf("shop-minimal")));
        Assert.True(reader.CanRead(PathOf("controllers")));
        Assert.False(reader.CanRead(ExpressFixtures.PathOf("shop-ts/src")));
    }
}
