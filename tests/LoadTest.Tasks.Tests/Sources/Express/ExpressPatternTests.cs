using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>Each fixture app exercises one family of Express patterns; every test names the operations it expects.</summary>
public sealed class ExpressPatternTests
{
    [Fact]
    public void CommonJs_require_registration_function_route_chains_and_path_arrays()
    {
        var model = ExpressFixtures.ReadModel("commonjs-js");
        Assert.Equal(
            [
                "DELETE /v1/users/{userId}", "GET /health", "GET /v1/books", "GET /v1/books/all", "GET /v1/library", "GET /v1/library/all",
                "GET /v1/users", "GET /v1/users/{userId}", "POST /v1/users", "PUT /v1/users/{userId}",
            ],
            model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));

        // handlers are controller functions in another module, reached through exports.name = …
        var create = model.Op("POST", "/v1/users");
        Assert.Equal(["email", "name"], model.Body(create).Properties.Keys.Order());
        Assert.Equal("201", Assert.Single(create.Responses).StatusCode);
        Assert.Equal("role", Assert.Single(model.Op("GET", "/v1/users").Parameters).Name);
        Assert.Contains(model.Op("GET", "/v1/users/{userId}").Parameters, p => p is { Name: "X-Tenant", In: ParameterLocation.Header });
        Assert.Equal("204", Assert.Single(model.Op("DELETE", "/v1/users/{userId}").Responses).StatusCode);
    }

    [Fact]
    public void Zod_schemas_in_middleware_safeParse_and_z_infer()
    {
        var model = ExpressFixtures.ReadModel("zod/src");
        Assert.Equal(
            ["PATCH /accounts/{accountId}", "POST /accounts/invite", "POST /accounts/signup", "PUT /accounts/profile"],
            model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));

        var signup = model.Body(model.Op("POST", "/accounts/signup"));
        Assert.Equal(["email", "password", "referral", "tags"], signup.Required.Order());
        Assert.Equal("email", signup.Properties["email"].Format);
        Assert.Equal((8, 64), (signup.Properties["password"].MinLength, signup.Properties["password"].MaxLength));
        Assert.Equal(("integer", 18m, 120m), (signup.Properties["age"].Type, signup.Properties["age"].Minimum, signup.Properties["age"].Maximum));
        Assert.Equal(["free", "pro", "enterprise"], signup.Properties["plan"].EnumStrings());
        Assert.Equal("free", signup.Properties["plan"].Default!.GetValue<string>());
        Assert.Equal(5, signup.Properties["tags"].MaxItems);
        Assert.Equal(20, signup.Properties["tags"].Items!.MaxLength);
        Assert.True(signup.Properties["referral"].Nullable);
        Assert.Equal("^ref_[a-z0-9]+$", signup.Properties["referral"].Pattern);

        // z.object({ params, query, body }) validates the whole request
        var patch = model.Op("PATCH", "/accounts/{accountId}");
        Assert.Equal("uuid", patch.Parameters.Single(p => p.In == ParameterLocation.Path).Schema.Format);
        Assert.Equal("dryRun", patch.Parameters.Single(p => p.In == ParameterLocation.Query).Name);
        var patchBody = model.Body(patch);
        Assert.Empty(patchBody.Required);
        Assert.Contains("email", patchBody.Properties.Keys);

        var invite = model.Body(model.Op("POST", "/accounts/invite"));
        Assert.Equal(1, invite.Properties["emails"].MinItems);
        Assert.Equal(["member"], invite.Properties["role"].EnumStrings());

        var profile = model.Body(model.Op("PUT", "/accounts/profile"));
        Assert.Equal(signup.Required.Order(), profile.Required.Order());
    }

    [Fact]
    public void Joi_through_celebrate_segments()
    {
        var model = ExpressFixtures.ReadModel("joi-celebrate");
        Assert.Equal(["GET /products", "POST /products"], model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));
        var body = model.Body(model.Op("POST", "/products"));
        Assert.Equal(["name", "price", "sku"], body.Required.Order());
        Assert.Equal(["EUR", "USD", "GBP"], body.Properties["currency"].EnumStrings());
        Assert.Equal(0m, body.Properties["price"].ExclusiveMinimum);
        Assert.Equal("^[A-Z]{3}-[0-9]{4}$", body.Properties["sku"].Pattern);
        Assert.Equal(("integer", 0m), (body.Properties["stock"].Type, body.Properties["stock"].Minimum));

        var query = model.Op("GET", "/products").Parameters;
        Assert.True(query.Single(p => p.Name == "q").Required);
        Assert.Equal(("integer", false, 100m), (query.Single(p => p.Name == "limit").Schema.Type, query.Single(p => p.Name == "limit").Required, query.Single(p => p.Name == "limit").Schema.Maximum));
    }

    [Fact]
    public void Express_validator_chains_in_route_arguments_and_arrays()
    {
        var result = ExpressFixtures.Read("express-validator");
        Assert.Empty(result.Diagnostics);
        var model = result.Model!;
        Assert.Equal(["GET /users/{userId}", "POST /signup"], model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));

        var signup = model.Op("POST", "/signup");
        var body = model.Body(signup);
        Assert.Equal(["email", "password", "plan"], body.Required.Order());
        Assert.Equal("email", body.Properties["email"].Format);
        Assert.Equal((8, 64), (body.Properties["password"].MinLength, body.Properties["password"].MaxLength));
        Assert.Equal(("integer", 18m, 120m), (body.Properties["age"].Type, body.Properties["age"].Minimum, body.Properties["age"].Maximum));
        Assert.Equal(["free", "pro"], body.Properties["plan"].EnumStrings());
        Assert.Equal(["201", "422"], signup.Responses.Select(r => r.StatusCode));

        var user = model.Op("GET", "/users/{userId}");
        Assert.Equal("uuid", user.Parameters.Single(p => p.In == ParameterLocation.Path).Schema.Format);
        var expand = user.Parameters.Single(p => p.In == ParameterLocation.Query);
        Assert.Equal(("expand", "boolean", false), (expand.Name, expand.Schema.Type, expand.Required));
    }

    [Fact]
    public void Class_validator_dto_decorators()
    {
        var model = ExpressFixtures.ReadModel("class-validator/src");
        var body = model.Body(model.Op("POST", "/users"));
        Assert.Equal(["address", "age", "email", "name", "role", "theme"], body.Required.Order());
        Assert.Equal("email", body.Properties["email"].Format);
        Assert.Equal((2, 50), (body.Properties["name"].MinLength, body.Properties["name"].MaxLength));
        Assert.Equal(("integer", 13m, 130m), (body.Properties["age"].Type, body.Properties["age"].Minimum, body.Properties["age"].Maximum));
        Assert.Equal(["light", "dark"], body.Properties["theme"].EnumStrings());
        Assert.Equal(["0", "1", "2"], body.Properties["role"].EnumStrings());
        Assert.Equal(@"^\+[0-9]{7,15}$", body.Properties["phone"].Pattern);
        Assert.Equal(["city"], model.Resolve(body.Properties["address"]).Required);
        Assert.DoesNotContain("greet", body.Properties.Keys);
    }

    [Fact]
    public void Express_4_and_5_path_syntax_factories_merge_params_and_located_warnings()
    {
        var result = ExpressFixtures.Read("paths/src");
        var model = result.Model!;
        Assert.Equal(
            [
                "DELETE /legacy/{wildcard}", "GET /admin/stats", "GET /archive/{year}", "GET /archive/{year}/{month}", "GET /files", "GET /files/{filePath}",
                "GET /healthz", "GET /items/{itemId}", "GET /orphaned", "GET /posts", "GET /posts/{postId}/comments", "GET /v2/reports", "GET /v2/reports/{reportId}",
                "POST /posts/{postId}/comments/{commentId}/replies",
            ],
            model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal("integer", Assert.Single(model.Op("GET", "/items/{itemId}").Parameters).Schema.Type);
        Assert.Equal(["postId", "commentId"], model.Op("POST", "/posts/{postId}/comments/{commentId}/replies").Parameters.Select(p => p.Name));

        string Where(string code) => string.Join(";", result.Diagnostics.Where(d => d.Code == code).Select(d => $"{Path.GetFileName(d.Location.File)}:{d.Location.Line}"));
        Assert.Equal("app.ts:23;app.ts:24", Where("LT1101"));
        Assert.Equal("app.ts:25", Where("LT1102"));
        Assert.Equal("app.ts:3", Where("LT1103"));
        Assert.Equal("orphan.ts:3;register.ts:4", Where("LT1105"));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void TypeScript_type_forms_become_schemas()
    {
        var result = ExpressFixtures.Read("types-advanced/src");
        var model = result.Model!;

        var customer = model.Body(model.Op("POST", "/customers"));
        Assert.Equal(["createdAt", "email", "id", "metadata", "name", "scores", "tags", "tier"], customer.Required.Order());
        Assert.Equal("date-time", customer.Properties["createdAt"].Format);
        Assert.Equal("string", customer.Properties["metadata"].AdditionalProperties!.Type);
        Assert.Equal("number", customer.Properties["scores"].Items!.Type);
        Assert.Equal(["1", "2", "10"], model.Resolve(customer.Properties["tier"]).EnumStrings());
        Assert.DoesNotContain("birthday", customer.Required);

        var patch = model.Body(model.Op("PATCH", "/customers/{id}"));
        Assert.Empty(patch.Required);
        Assert.DoesNotContain("id", patch.Properties.Keys);
        Assert.Contains("email", patch.Properties.Keys);

        var summary = model.Body(model.Op("POST", "/summaries"));
        Assert.Equal(["id", "name", "total"], summary.Properties.Keys.Order());

        var tree = model.Body(model.Op("POST", "/trees"));
        Assert.Equal("Tree", tree.Properties["children"].Items!.RefName);

        var coords = model.Body(model.Op("POST", "/coords"));
        Assert.Equal((2, 2, 2), (coords.PrefixItems.Count, coords.MinItems, coords.MaxItems));

        var settings = model.Body(model.Op("PUT", "/settings"));
        Assert.Equal(["pageSize", "theme"], settings.Required.Order());
        Assert.Equal(["10", "20", "50"], settings.Properties["pageSize"].EnumStrings());

        var invoice = model.Body(model.Op("POST", "/invoices"));
        Assert.Equal(["due", "lines", "paid"], invoice.Required.Order());
        Assert.Equal(["EUR", "USD"], model.Resolve(invoice.Properties["lines"].Items!.Properties["price"]).Properties["currency"].EnumStrings());

        var unresolved = Assert.Single(result.Diagnostics);
        Assert.Equal(("LT1104", "server.ts", 15), (unresolved.Code, Path.GetFileName(unresolved.Location.File), unresolved.Location.Line));
    }

    [Theory]
    [InlineData("/orders/:id", "/orders/{id}")]
    [InlineData("/orders/:id(\\d+)/lines", "/orders/{id}/lines")]
    [InlineData("/a/:b?", "/a|/a/{b}")]
    [InlineData("/users{/:id}/posts", "/users/posts|/users/{id}/posts")]
    [InlineData("/files/{*rest}", "/files|/files/{rest}")]
    [InlineData("/static/*", "/static/{wildcard}")]
    [InlineData("/flights/:from-:to", "/flights/{from}-{to}")]
    public void Express_paths_become_OpenAPI_templates(string express, string expected)
    {
        var templates = LoadTest.Tasks.Sources.Express.Routes.ExpressPath.ToTemplates(express).Select(v => v.Template);
        Assert.Equal(expected, string.Join("|", templates));
    }

    [Theory]
    [InlineData("", "/", "/")]
    [InlineData("/api/", "/", "/api")]
    [InlineData("/api", "items", "/api/items")]
    [InlineData("/api", "/items/", "/api/items/")]
    public void Prefixes_and_paths_join_like_express(string prefix, string path, string expected) =>
        Assert.Equal(expected, LoadTest.Tasks.Sources.Express.Routes.ExpressPath.Join(prefix, path));

    [Fact]
    public void A_missing_folder_is_an_error_not_an_exception()
    {
        var result = new LoadTest.Tasks.Sources.Express.ExpressSourceReader().Read(Path.Combine(Path.GetTempPath(), "no-such-express-app-" + Guid.NewGuid()));
        Assert.Null(result.Model);
        Assert.Equal("LT1100", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void CanRead_recognises_folders_that_import_express()
    {
        var reader = new LoadTest.Tasks.Sources.Express.ExpressSourceReader();
        Assert.True(reader.CanRead(ExpressFixtures.PathOf("shop-ts/src")));
        Assert.True(reader.CanRead(ExpressFixtures.PathOf("commonjs-js")));
        Assert.False(reader.CanRead(ExpressFixtures.PathOf("shop-ts/src/types")));
        Assert.False(reader.CanRead(ExpressFixtures.PathOf("shop-ts/package.json")));
    }
}
