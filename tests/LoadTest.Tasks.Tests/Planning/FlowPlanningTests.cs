using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Planning;

public sealed class FlowPlanningTests
{
    private static LoadPlan Plan(ApiModel model, GenerationOptions options, out List<SourceDiagnostic> diagnostics)
    {
        diagnostics = [];
        return LoadPlanner.Build(model, options, diagnostics);
    }

    [Fact]
    public void Declared_checkout_chains_cart_id_and_order_id_into_later_steps()
    {
        var plan = Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions, out var diagnostics);

        Assert.Empty(diagnostics);
        var flow = Assert.Single(plan.Flows);
        Assert.Equal("checkout", flow.Name);
        Assert.Equal(["POST /api/cart/add", "POST /api/orders/create", "GET /api/orders/{id}"], flow.Steps.Select(s => s.OperationName));

        var cart = flow.Steps[0];
        var order = flow.Steps[1];
        var get = flow.Steps[2];
        Assert.Equal(new CapturePlan("cart_add_cart_id", "cartId"), Assert.Single(cart.Captures));
        Assert.Equal(new CapturePlan("orders_create_id", "id"), Assert.Single(order.Captures));

        // The created order's id goes into the path of the GET; the cart's id into the order body, always sent.
        var cartId = ((ObjectRule)order.Body!.Value).Members.Single(m => m.Name == "cartId");
        Assert.Equal(1, cartId.Probability);
        Assert.Equal("cart_add_cart_id", Assert.IsType<CaptureRule>(cartId.Value).Variable);
        var idPart = get.Path.Single(p => p.Parameter == "id");
        Assert.Equal("orders_create_id", Assert.IsType<CaptureRule>(idPart.Value).Variable);

        Assert.Equal("cart add 200", cart.Check.Name);
        Assert.Equal("orders create 201", order.Check.Name);
        Assert.Equal([200], get.Check.Statuses);
        Assert.All(flow.Steps, s => Assert.True(s.Authenticated));
    }

    [Fact]
    public void Optional_resource_id_without_a_source_is_not_sent()
    {
        var plan = Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions, out _);

        var cartBody = (ObjectRule)plan.Flows[0].Steps[0].Body!.Value;
        Assert.Equal(0, cartBody.Members.Single(m => m.Name == "cartId").Probability);
    }

    [Fact]
    public void Explicit_binding_takes_a_json_path_from_a_named_step()
    {
        var options = GenerationFixtures.ShopOptions with
        {
            Flows = [new FlowDeclaration("checkout", ["cart_add", "orders_create", "GET /api/orders/{id} id=orders_create.data.orderId"])],
        };
        var plan = Plan(GenerationFixtures.Shop(), options, out var diagnostics);

        Assert.Empty(diagnostics);
        var steps = plan.Flows[0].Steps;
        Assert.Contains(new CapturePlan("orders_create_data_order_id", "data.orderId"), steps[1].Captures);
        Assert.Equal("orders_create_data_order_id", Assert.IsType<CaptureRule>(steps[2].Path.Single(p => p.Parameter == "id").Value).Variable);
    }

    [Fact]
    public void Unknown_steps_and_bad_bindings_are_errors_with_help()
    {
        var options = GenerationFixtures.ShopOptions with
        {
            Flows = [new FlowDeclaration("broken", ["POST /api/nowhere", "GET /api/orders/{id} id=", "cart_add"])],
        };
        var plan = Plan(GenerationFixtures.Shop(), options, out var diagnostics);

        Assert.Contains(diagnostics, d => d.Code == "LT2002" && d.Severity == DiagnosticSeverity.Error && d.Message.Contains("POST /api/nowhere", StringComparison.Ordinal) && d.Help!.Contains("cart_add", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == "LT2009" && d.Message.Contains("id=", StringComparison.Ordinal));
        Assert.Equal(["POST /api/cart/add"], plan.Flows.Single().Steps.Select(s => s.OperationName));
    }

    [Fact]
    public void Default_flows_chain_the_checkout_leave_out_login_and_group_the_rest()
    {
        var plan = Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { Flows = [] }, out var diagnostics);

        Assert.Equal(["cart_orders", "products"], plan.Flows.Select(f => f.Name));
        Assert.DoesNotContain(plan.Flows.SelectMany(f => f.Steps), s => s.OperationName == "POST /api/auth/login");
        var checkout = plan.Flows[0];
        Assert.Equal("inferred", checkout.Origin);
        Assert.Equal(["POST /api/cart/add", "POST /api/orders/create", "GET /api/orders/{id}"], checkout.Steps.Select(s => s.OperationName));
        var cartId = ((ObjectRule)checkout.Steps[1].Body!.Value).Members.Single(m => m.Name == "cartId");
        Assert.Equal((1.0, "cart_add_cart_id"), (cartId.Probability, Assert.IsType<CaptureRule>(cartId.Value).Variable));
        Assert.Equal("orders_create_id", Assert.IsType<CaptureRule>(checkout.Steps[2].Path.Single(p => p.Parameter == "id").Value).Variable);
        // page is required; pageSize is optional and documents no value, so it is not sent.
        var products = plan.Flows.Single(f => f.Name == "products").Steps.Single();
        Assert.Equal("page", Assert.Single(products.Query).Name);
        Assert.Equal(1, products.Query[0].Probability);
        Assert.False(products.Authenticated);
        // productId has no producer in this API: that is said, with what is sent instead.
        var unfed = Assert.Single(diagnostics, d => d.Code == "LT2030");
        Assert.Contains("POST /api/cart/add body productId", unfed.Message, StringComparison.Ordinal);
        Assert.Contains("made-up id prod_1", unfed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Login_operation_becomes_bearer_auth_with_credentials_from_the_environment()
    {
        var plan = Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions, out _);

        Assert.Equal(AuthKind.Login, plan.Auth.Kind);
        Assert.Equal("token", plan.Auth.TokenPath);
        var body = (ObjectRule)plan.Auth.LoginStep!.Body!.Value;
        Assert.Equal("LOADTEST_USERNAME", Assert.IsType<EnvRule>(body.Members.Single(m => m.Name == "username").Value).Variable);
        Assert.Equal("LOADTEST_PASSWORD", Assert.IsType<EnvRule>(body.Members.Single(m => m.Name == "password").Value).Variable);
    }

    [Fact]
    public void Sample_shop_login_token_and_checkout_chain_are_found()
    {
        var plan = Plan(GenerationFixtures.SampleShop(), GenerationFixtures.ShopOptions, out var diagnostics);

        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(AuthKind.Login, plan.Auth.Kind);
        Assert.Equal("POST /api/auth/login", plan.Auth.LoginStep!.OperationName);
        var steps = plan.Flows.Single().Steps;
        Assert.Contains(new CapturePlan("cart_add_cart_id", "cartId"), steps[0].Captures);
        Assert.IsType<CaptureRule>(steps[2].Path.Single(p => p.Parameter == "id").Value);
    }

    [Fact]
    public void Static_token_api_key_and_basic_schemes_read_secrets_from_the_environment()
    {
        ApiModel With(SecurityScheme scheme) => new("s", [new ApiOperation("GET", "/things", new SourceLocation("s.yaml")) { Security = [new SecurityRequirement(scheme.Key, [])] }])
        {
            SecuritySchemes = new Dictionary<string, SecurityScheme> { [scheme.Key] = scheme },
        };
        var options = new GenerationOptions("S", "S");

        var bearer = Plan(With(new SecurityScheme("jwt", SecuritySchemeKind.HttpBearer)), options, out _).Auth;
        var apiKey = Plan(With(new SecurityScheme("key", SecuritySchemeKind.ApiKey) { In = ParameterLocation.Query, ParameterName = "api_key" }), options, out _).Auth;
        var basic = Plan(With(new SecurityScheme("basic", SecuritySchemeKind.HttpBasic)), options, out _).Auth;

        Assert.Equal((AuthKind.StaticBearer, "TOKEN"), (bearer.Kind, bearer.SecretVariable));
        Assert.Equal((AuthKind.ApiKey, "query", "api_key", "LOADTEST_API_KEY"), (apiKey.Kind, apiKey.ApiKeyIn, apiKey.ApiKeyName, apiKey.SecretVariable));
        Assert.Equal(AuthKind.Basic, basic.Kind);
    }

    [Fact]
    public void Data_file_columns_override_generated_values()
    {
        var file = Path.Combine(Path.GetTempPath(), $"loadtest-data-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "username,password,quantity\nalice,pw-a,2\nbob,pw-b,1\n");
        try
        {
            var plan = Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { DataFile = file }, out var diagnostics);

            Assert.Empty(diagnostics);
            Assert.Equal(["password", "quantity", "username"], plan.DataPool!.Fields);
            var quantity = ((ObjectRule)plan.Flows[0].Steps[0].Body!.Value).Members.Single(m => m.Name == "quantity").Value;
            Assert.Equal("quantity", Assert.IsType<DataRule>(quantity).Field);
            var username = ((ObjectRule)plan.Auth.LoginStep!.Body!.Value).Members.Single(m => m.Name == "username").Value;
            Assert.IsType<EnvRule>(Assert.IsType<DataRule>(username).Fallback);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Missing_data_file_is_an_error_and_unknown_profile_warns()
    {
        var options = GenerationFixtures.ShopOptions with { DataFile = "/nonexistent/users.csv", DefaultProfile = "turbo", ProfileOverrides = new Dictionary<string, string> { ["vus"] = "many" } };
        var plan = Plan(GenerationFixtures.Shop(), options, out var diagnostics);

        var missing = Assert.Single(diagnostics, d => d.Code == "LT2031");
        Assert.Equal((DiagnosticSeverity.Error, "/nonexistent/users.csv"), (missing.Severity, missing.Location.File));
        Assert.Contains(diagnostics, d => d.Code == "LT2007" && d.Message.Contains("turbo", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Code == "LT2014" && d.Message.Contains("many", StringComparison.Ordinal));
        Assert.Equal("smoke", plan.DefaultProfile);
        Assert.Null(plan.DataPool);
    }

    [Theory]
    [InlineData("")]
    [InlineData("username,password\n")]
    [InlineData("[]")]
    public void Empty_data_file_is_an_error(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), $"loadtest-data-{Guid.NewGuid():N}.{(content.StartsWith('[') ? "json" : "csv")}");
        File.WriteAllText(file, content);
        try
        {
            Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { DataFile = file }, out var diagnostics);

            var empty = Assert.Single(diagnostics, d => d.Code == "LT2032");
            Assert.Equal((DiagnosticSeverity.Error, file), (empty.Severity, empty.Location.File));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Unknown_data_mode_is_an_error()
    {
        Plan(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions with { DataMode = "round-robin" }, out var diagnostics);

        var error = Assert.Single(diagnostics, d => d.Code == "LT3045");
        Assert.Contains("round-robin", error.Message, StringComparison.Ordinal);
        Assert.Contains("per-vu, sequential, random", error.Help!, StringComparison.Ordinal);
    }

    [Fact]
    public void Think_time_and_weights_come_from_build_settings()
    {
        var options = GenerationFixtures.ShopOptions with
        {
            Flows = [],
            ProfileOverrides = new Dictionary<string, string> { ["thinkTime"] = "0.5-2", ["weights"] = "cart_orders=3, nowhere=2" },
        };
        var plan = Plan(GenerationFixtures.Shop(), options, out var diagnostics);

        Assert.All(plan.Flows, f => Assert.Equal(new ThinkTime(0.5, 2), f.ThinkTime));
        Assert.Equal(3, plan.Flows.Single(f => f.Name == "cart_orders").Weight);
        Assert.Equal(1, plan.Flows.Single(f => f.Name == "products").Weight);
        Assert.Contains(diagnostics, d => d.Code == "LT2014" && d.Message.Contains("nowhere", StringComparison.Ordinal));
        var output = LoadTestGenerator.Generate(GenerationFixtures.Shop(), options);
        Assert.Contains("lt.scenario(PROFILE, 0.75, \"cartOrdersFlow\")", GenerationFixtures.FileAt(output, "all-flows.js").Content, StringComparison.Ordinal);
        Assert.Contains("CartOrdersScenario.CreateScenario(profile, 0.75)", GenerationFixtures.FileAt(output, "ShopApi.AllFlows.g.cs").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Think_time_can_be_overridden_per_run()
    {
        var random = new Random(2);
        var overridden = Enumerable.Range(0, 200).Select(_ => LoadTest.Runtime.Payloads.Payload.ThinkTime(random, 1, 3, 0.5, "4-6").TotalSeconds).ToList();
        var ignored = LoadTest.Runtime.Payloads.Payload.ThinkTime(random, 1, 3, 1, "soon").TotalSeconds;

        Assert.All(overridden, s => Assert.InRange(s, 2, 3));
        Assert.InRange(ignored, 1, 3);
        Assert.Equal(TimeSpan.Zero, LoadTest.Runtime.Payloads.Payload.ThinkTime(random, 1, 3, 1, "0"));
    }

    [Fact]
    public void Optional_query_parameters_with_documented_values_are_sent_half_of_the_time()
    {
        var plan = Plan(GenerationFixtures.SampleShop(), GenerationFixtures.ShopOptions with { Flows = [] }, out _);

        var flow = plan.Flows.Single(f => f.Steps.Any(s => s.OperationName == "GET /api/products"));
        var products = flow.Steps.Single(s => s.OperationName == "GET /api/products");
        Assert.Equal(["page", "pageSize"], products.Query.Select(q => q.Name));
        Assert.All(products.Query, q => Assert.Equal(0.5, q.Probability));
        var output = LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), GenerationFixtures.ShopOptions with { Flows = [] });
        Assert.Contains("lt.query([[\"page\", lt.maybe(0.5, () => ", GenerationFixtures.FileAt(output, flow.Name + ".js").Content, StringComparison.Ordinal);
    }
}
