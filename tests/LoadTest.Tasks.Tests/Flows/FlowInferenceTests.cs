using System.Text.Json.Nodes;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Planning.Inference;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Flows;

/// <summary>
/// Default flows inferred from producer → consumer edges over real API descriptions: creates before reads, updates and
/// deletes of what they created, DELETE last, each consumed value fed by its producer (response field, Location header,
/// what a create sent, an OpenAPI link); login only an anonymous operation returning a token; logout left out.
/// </summary>
public sealed class FlowInferenceTests
{
    private static LoadPlan Plan(ApiModel model, out List<SourceDiagnostic> diagnostics, GenerationOptions? options = null)
    {
        diagnostics = [];
        return LoadPlanner.Build(model, options ?? new GenerationOptions("Api", "Api.Tests"), diagnostics);
    }

    private static ApiModel Shared(string path) => GenerationFixtures.Read(Path.Combine(GenerationFixtures.SharedSpecs(), path));

    private static ApiModel Fixture(string name) => GenerationFixtures.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "OpenApi", "flows", name));

    private static IEnumerable<string> Steps(FlowPlan flow) => flow.Steps.Select(s => s.OperationName);

    private static CaptureRule Fed(StepPlan step, string parameter) => Assert.IsType<CaptureRule>(step.Path.Single(p => p.Parameter == parameter).Value);

    [Fact]
    public void Petstore_creates_a_pet_then_reads_and_deletes_the_pet_it_created()
    {
        var plan = Plan(Shared("openapi-3.0/petstore-expanded.yaml"), out var diagnostics);

        Assert.Empty(diagnostics);
        var pets = plan.Flows.Single(f => f.Origin == "inferred");
        Assert.Equal(["POST /pets", "GET /pets/{id}", "DELETE /pets/{id}"], Steps(pets));
        Assert.Contains(new CapturePlan("pets_create_id", "id"), pets.Steps[0].Captures);
        Assert.Equal("pets_create_id", Fed(pets.Steps[1], "id").Variable);
        Assert.Equal("pets_create_id", Fed(pets.Steps[2], "id").Variable);
        // The list is a flow of its own: nothing it returns is needed before the create.
        Assert.Equal(["GET /pets"], Steps(plan.Flows.Single(f => f.Name == "pets_browse")));
    }

    [Fact]
    public void Classic_petstore_chains_pet_and_order_lifecycles_and_a_user_that_logs_in_with_what_it_was_created_with()
    {
        var plan = Plan(Fixture("petstore-classic.yaml"), out var diagnostics);

        var pet = plan.Flows.Single(f => f.Name == "pet_store");
        Assert.Equal(
            ["POST /pet", "POST /store/order", "GET /pet/{petId}", "GET /store/order/{orderId}", "PUT /pet", "DELETE /store/order/{orderId}", "DELETE /pet/{petId}"],
            Steps(pet));
        Assert.Equal("pet_create_id", Fed(pet.Steps[2], "petId").Variable);
        // PUT /pet names the pet by the id in its body; the order refers to the pet by petId.
        Assert.IsType<CaptureRule>(((ObjectRule)pet.Steps[4].Body!.Value).Members.Single(m => m.Name == "id").Value);
        var petId = ((ObjectRule)pet.Steps[1].Body!.Value).Members.Single(m => m.Name == "petId");
        Assert.Equal(1, petId.Probability);
        Assert.Equal(Fed(pet.Steps[2], "petId").Variable, Assert.IsType<CaptureRule>(petId.Value).Variable);

        var user = plan.Flows.Single(f => f.Name == "user");
        Assert.Equal(["POST /user", "GET /user/login", "GET /user/{username}", "DELETE /user/{username}"], Steps(user));
        Assert.Contains(new CapturePlan("user_create_sent_username", "username") { Source = CaptureSource.Request }, user.Steps[0].Captures);
        Assert.Contains(new CapturePlan("user_create_sent_password", "password") { Source = CaptureSource.Request }, user.Steps[0].Captures);
        Assert.Equal("user_create_sent_password", Assert.IsType<CaptureRule>(user.Steps[1].Query.Single(q => q.Name == "password").Value).Variable);
        Assert.Equal("user_create_sent_username", Fed(user.Steps[2], "username").Variable);

        // Logout would end the session; the GET login returns a plain string, so it is no login: TOKEN feeds OAuth2.
        Assert.DoesNotContain(plan.Flows.SelectMany(f => f.Steps), s => s.OperationName == "GET /user/logout");
        Assert.Contains(plan.LeftOut, l => l.StartsWith("GET /user/logout", StringComparison.Ordinal));
        Assert.Equal((AuthKind.StaticBearer, "TOKEN"), (plan.Auth.Kind, plan.Auth.SecretVariable));
        Assert.DoesNotContain(diagnostics, d => d.Code == "LT2030");
    }

    [Fact]
    public void A_bearer_protected_tokens_operation_is_not_the_login_so_bearer_uses_TOKEN()
    {
        var model = Fixture("wrong-login.yaml");
        var plan = Plan(model, out _);

        Assert.Equal((AuthKind.StaticBearer, "TOKEN", "Bearer "), (plan.Auth.Kind, plan.Auth.SecretVariable, plan.Auth.TokenPrefix));
        Assert.Null(plan.Auth.LoginStep);
        Assert.Contains("TOKEN → 'Authorization: Bearer <TOKEN>'", Assert.Single(plan.Auth.AuthNotes), StringComparison.Ordinal);
        // It is an ordinary, authenticated step of the project flow instead.
        var tokens = plan.Flows.SelectMany(f => f.Steps).Single(s => s.OperationName == "POST /v2/projects/{id}/tokens");
        Assert.True(tokens.Authenticated);

        // The same API with an anonymous token operation: that one is the login.
        var anonymous = new ApiOperation("POST", "/v2/auth/tokens", new SourceLocation("wrong-login.yaml"))
        {
            Security = [],
            RequestBody = new ApiRequestBody([new MediaContent("application/json", new SchemaModel
            {
                Type = "object",
                Properties = new Dictionary<string, SchemaModel> { ["username"] = SchemaModel.Of("string"), ["password"] = SchemaModel.Of("string") },
            })]),
            Responses = [new ApiResponse("201") { Content = [new MediaContent("application/json", new SchemaModel { Type = "object", Properties = new Dictionary<string, SchemaModel> { ["access_token"] = SchemaModel.Of("string") } })] }],
        };
        var withLogin = Plan(model with { Operations = [.. model.Operations, anonymous] }, out _);
        Assert.Equal((AuthKind.Login, "POST /v2/auth/tokens", "access_token"), (withLogin.Auth.Kind, withLogin.Auth.LoginStep!.OperationName, withLogin.Auth.TokenPath));
    }

    [Fact]
    public void Token_prefix_comes_from_the_scheme_description_an_example_or_LoadTestAuthPrefix()
    {
        SecurityScheme Key(string? description) => new("key", SecuritySchemeKind.ApiKey) { In = ParameterLocation.Header, ParameterName = "Authorization", Description = description };
        ApiModel With(SecurityScheme scheme, ApiParameter? header = null) => new("Api", [new ApiOperation("GET", "/things", new SourceLocation("api.yaml"))
        {
            Security = [new SecurityRequirement(scheme.Key, [])],
            Parameters = header is null ? [] : [header],
        }])
        {
            SecuritySchemes = new Dictionary<string, SecurityScheme> { [scheme.Key] = scheme },
        };

        var conduit = Plan(Shared("openapi-3.1/realworld-conduit.yaml"), out _);
        var described = Plan(With(Key("Pass it as `Bearer <token>` in the header.")), out _);
        var example = Plan(With(Key(null), new ApiParameter("Authorization", ParameterLocation.Header, SchemaModel.Of("string")) { Example = JsonValue.Create("JWT aaa.bbb.ccc") }), out _);
        var unknown = Plan(With(Key("An API key.")), out var warnings);
        var option = Plan(With(Key("An API key.")), out var none, new GenerationOptions("Api", "Api.Tests") { AuthPrefix = "Token" });

        Assert.Equal((AuthKind.Login, "Authorization", "Token "), (conduit.Auth.Kind, conduit.Auth.TokenHeader, conduit.Auth.TokenPrefix));
        Assert.Equal((AuthKind.ApiKey, "Bearer "), (described.Auth.Kind, described.Auth.TokenPrefix));
        Assert.Equal("JWT ", example.Auth.TokenPrefix);
        Assert.Equal("", unknown.Auth.TokenPrefix);
        Assert.Contains(warnings, d => d.Code == "LT2033" && d.Help!.Contains("LoadTestAuthPrefix", StringComparison.Ordinal));
        Assert.Equal("Token ", option.Auth.TokenPrefix);
        Assert.DoesNotContain(none, d => d.Code == "LT2033");
        Assert.Contains("LOADTEST_API_KEY → 'Authorization: Token <LOADTEST_API_KEY>'", Assert.Single(option.Auth.AuthNotes), StringComparison.Ordinal);

        var output = LoadTestGenerator.Generate(With(Key("An API key.")), new GenerationOptions("Api", "Api.Tests") { AuthPrefix = "Token" });
        Assert.Contains("headers[\"Authorization\"] = \"Token \" + key;", GenerationFixtures.FileAt(output, "Api.Auth.g.cs").Content, StringComparison.Ordinal);
        Assert.Contains("{ [\"Authorization\"]: \"Token \" + __ENV[\"LOADTEST_API_KEY\"] }", GenerationFixtures.FileAt(output, "things.js").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_create_answered_only_with_a_Location_header_feeds_the_read_by_the_id_in_it()
    {
        var location = new SourceLocation("things.yaml");
        var model = new ApiModel("Things", [
            new ApiOperation("POST", "/things", location)
            {
                RequestBody = new ApiRequestBody([new MediaContent("application/json", new SchemaModel { Type = "object", Required = ["name"], Properties = new Dictionary<string, SchemaModel> { ["name"] = SchemaModel.Of("string") } })]),
                Responses = [new ApiResponse("201") { Headers = ["Location"] }],
            },
            new ApiOperation("GET", "/things/{thingId}", location)
            {
                Parameters = [new ApiParameter("thingId", ParameterLocation.Path, SchemaModel.Of("integer")) { Required = true }],
                Responses = [new ApiResponse("200")],
            },
        ]);

        var plan = Plan(model, out var diagnostics);

        Assert.Empty(diagnostics);
        var flow = Assert.Single(plan.Flows);
        Assert.Equal(new CapturePlan("things_create_location_id", "Location") { Source = CaptureSource.Location }, Assert.Single(flow.Steps[0].Captures));
        Assert.Equal(("things_create_location_id", "integer"), (Fed(flow.Steps[1], "thingId").Variable, Fed(flow.Steps[1], "thingId").Type));
        var output = LoadTestGenerator.Generate(model, new GenerationOptions("Things", "Things.Tests"));
        Assert.Contains("lt.capture(vars, \"things_create_location_id\", lt.locationId(res));", GenerationFixtures.FileAt(output, flow.Name + ".js").Content, StringComparison.Ordinal);
        Assert.Contains("Payload.Capture(vars, \"things_create_location_id\", Payload.LocationId(response.Header(\"Location\")));", GenerationFixtures.FileAt(output, $"Things.{Naming.Pascal(flow.Name)}Scenario.g.cs").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAPI_links_are_edges_as_their_author_states_them()
    {
        var plan = Plan(Shared("openapi-3.0/link-example.yaml"), out _);

        var steps = plan.Flows.SelectMany(f => f.Bindings.Select(b => (Flow: f, Binding: b))).ToList();
        var repository = steps.Single(s => s.Flow.Steps[s.Binding.Step].OperationName == "GET /2.0/repositories/{username}/{slug}" && s.Binding.Input == "path {slug}");
        // That operation answers with a list of repositories: the link's #/slug is taken from one of them.
        Assert.Contains("GET /2.0/repositories/{username} response [*].slug (OpenAPI link)", repository.Binding.Source, StringComparison.Ordinal);
        var merge = steps.Where(s => s.Flow.Steps[s.Binding.Step].OperationName == "POST /2.0/repositories/{username}/{slug}/pullrequests/{pid}/merge").ToList();
        Assert.Contains(merge, s => s.Binding.Input == "path {pid}" && s.Binding.Source!.Contains("response id (OpenAPI link)", StringComparison.Ordinal));
        // The merge needs the pull request it merges: it runs after the read that produces it.
        var flow = merge[0].Flow;
        Assert.True(flow.Steps.ToList().FindIndex(s => s.OperationName == "GET /2.0/repositories/{username}/{slug}/pullrequests/{pid}") < merge[0].Binding.Step);
    }

    [Fact]
    public void Links_to_request_body_members_and_array_items_are_followed_and_the_rest_are_reported()
    {
        var plan = Plan(Fixture("links.yaml"), out var diagnostics);

        var bindings = plan.Flows.SelectMany(f => f.Bindings.Select(b => (Step: f.Steps[b.Step].OperationName, b.Input, b.Source))).ToList();
        Assert.Contains(("GET /boards/by-title/{title}", "path {title}", "POST /boards request title (OpenAPI link)"), bindings.Select(b => (b.Step, b.Input, TrimStep(b.Source))));
        Assert.Contains(("GET /cells/{cell}", "path {cell}", "POST /boards response cells[0].cellRef (OpenAPI link)"), bindings.Select(b => (b.Step, b.Input, TrimStep(b.Source))));
        // A list answers with many: the link's pointer into an item takes one of them, as a flow picks from a list.
        Assert.Contains(("GET /boards/{board}", "path {board}", "GET /boards/by-title/{title} response [*].ref (OpenAPI link)"), bindings.Select(b => (b.Step, b.Input, TrimStep(b.Source))));

        var ignored = Assert.Single(diagnostics, d => d.Code == "LT2035");
        Assert.Contains("3 OpenAPI link parameter(s)", ignored.Message, StringComparison.Ordinal);
        Assert.Contains("POST /boards → GET /boards/{board} board = $request.path.board", ignored.Message, StringComparison.Ordinal);
        Assert.Contains("board = $response.header.X-Board", ignored.Message, StringComparison.Ordinal);
        Assert.Contains("POST /boards → noSuchOperation (names no operation of the API)", ignored.Message, StringComparison.Ordinal);
        Assert.EndsWith("links.yaml", ignored.Location.File, StringComparison.Ordinal);

        // The captures are real: k6 takes the array item and the sent member as written.
        var output = LoadTestGenerator.Generate(Fixture("links.yaml"), new GenerationOptions("Boards", "Boards.Tests"));
        var scripts = string.Concat(output.Files.Where(f => f.Kind == GeneratedFileKind.K6Script).Select(f => f.Content));
        Assert.Contains("\"cells[0].cellRef\"", scripts, StringComparison.Ordinal);
        Assert.Contains("\"[*].ref\"", scripts, StringComparison.Ordinal);
    }

    /// <summary>A binding's source without its "step N " prefix.</summary>
    private static string TrimStep(string? source) => source is null ? "" : System.Text.RegularExpressions.Regex.Replace(source, "^step \\d+ ", "");

    [Fact]
    public void Without_a_session_sign_up_runs_before_sign_in_which_takes_what_was_sent_and_logout_is_left_out()
    {
        var location = new SourceLocation("auth.yaml");
        ApiRequestBody Credentials() => new([new MediaContent("application/json", new SchemaModel
        {
            Type = "object",
            Required = ["username", "password"],
            Properties = new Dictionary<string, SchemaModel> { ["username"] = SchemaModel.Of("string"), ["password"] = SchemaModel.Of("string", "password") },
        })]);
        var model = new ApiModel("Auth", [
            new ApiOperation("POST", "/auth/logout", location) { Tags = ["auth"], Responses = [new ApiResponse("204")] },
            new ApiOperation("POST", "/auth/signin", location)
            {
                Tags = ["auth"],
                RequestBody = Credentials(),
                Responses = [new ApiResponse("200") { Content = [new MediaContent("application/json", new SchemaModel { Type = "object", Properties = new Dictionary<string, SchemaModel> { ["token"] = SchemaModel.Of("string") } })] }],
            },
            new ApiOperation("POST", "/auth/signup", location) { Tags = ["auth"], RequestBody = Credentials(), Responses = [new ApiResponse("201")] },
        ]);

        var plan = Plan(model, out _);

        var flow = Assert.Single(plan.Flows);
        Assert.Equal(["POST /auth/signup", "POST /auth/signin"], Steps(flow));
        var body = (ObjectRule)flow.Steps[1].Body!.Value;
        Assert.Equal("auth_signup_sent_username", Assert.IsType<CaptureRule>(body.Members.Single(m => m.Name == "username").Value).Variable);
        Assert.Equal("auth_signup_sent_password", Assert.IsType<CaptureRule>(body.Members.Single(m => m.Name == "password").Value).Variable);
        Assert.Equal(["POST /auth/logout: a logout would end the session the other steps need."], plan.LeftOut);
    }

    [Fact]
    public void A_value_that_identifies_its_resource_beats_a_reference_to_it_and_names_do_not_cross_resources()
    {
        var shop = GenerationFixtures.SampleShop();
        PayloadPlanner payloads = new(shop, []);
        var graph = DependencyGraph.Build(shop, s => payloads.Resolve(s, ImmutableStack.Empty));
        var cartAdd = shop.Operations.Single(o => o.OperationId == "cart_add");
        var orderCreate = shop.Operations.Single(o => o.OperationId == "orders_create");
        var cartId = graph.InputsOf(orderCreate).Single(i => i.Name == "cartId");

        var best = graph.Best(cartId, [cartAdd, orderCreate]);
        Assert.Same(cartAdd, best!.From.Operation);
        Assert.True(best.From.Identifies);
        // An order's own cartId (a reference to the cart) is a weaker producer than the cart's.
        var orderGet = shop.Operations.Single(o => o.OperationId == "orders_get");
        var reference = graph.OutputsOf(orderGet).Single(o => o.Path == "cartId");
        Assert.False(reference.Identifies);
        Assert.True(DependencyGraph.Score(cartId, reference)!.Value.Score < best.Score);

        var tag = new ValueInput(cartAdd, InputPlace.Path, "slug", "slug", SchemaModel.Of("string"), true, "tag");
        var articleSlug = new ValueOutput(orderCreate, OutputPlace.Response, "slug", "article.slug", SchemaModel.Of("string"), "article", true);
        Assert.Null(DependencyGraph.Score(tag, articleSlug));
        var number = new ValueInput(cartAdd, InputPlace.Path, "orderId", "orderId", SchemaModel.Of("integer"), true, "order");
        Assert.Null(DependencyGraph.Score(number, new ValueOutput(orderCreate, OutputPlace.Response, "id", "id", SchemaModel.Of("string"), "order", true)));
    }

    [Fact]
    public void A_large_api_gets_a_flow_per_resource_each_with_what_it_needs_created_first()
    {
        // 1 project + 150 kinds of things under it, each kind referring (optionally) to the kind before: 603 operations
        // that all hang off POST /projects. One flow of 603 steps is no iteration; a flow per resource is.
        var location = new SourceLocation("big.yaml");
        SchemaModel Object(params (string Name, SchemaModel Schema)[] members) => new() { Type = "object", Properties = members.ToDictionary(m => m.Name, m => m.Schema) };
        ApiResponse Json(string status, SchemaModel schema) => new(status) { Content = [new MediaContent("application/json", schema)] };
        ApiParameter PathId(string name) => new(name, ParameterLocation.Path, SchemaModel.Of("string")) { Required = true };
        var operations = new List<ApiOperation>
        {
            new("POST", "/projects", location) { RequestBody = new([new MediaContent("application/json", Object(("name", SchemaModel.Of("string"))))]), Responses = [Json("201", Object(("id", SchemaModel.Of("string"))))] },
        };
        for (var i = 0; i < 150; i++)
        {
            var thing = $"thing{i}s";
            var body = i == 0 ? Object(("name", SchemaModel.Of("string"))) : Object(("name", SchemaModel.Of("string")), ($"thing{i - 1}Id", SchemaModel.Of("string")));
            operations.Add(new("POST", $"/projects/{{projectId}}/{thing}", location) { Parameters = [PathId("projectId")], RequestBody = new([new MediaContent("application/json", body)]), Responses = [Json("201", Object(("id", SchemaModel.Of("string"))))] });
            operations.Add(new("GET", $"/projects/{{projectId}}/{thing}/{{id}}", location) { Parameters = [PathId("projectId"), PathId("id")], Responses = [Json("200", Object(("id", SchemaModel.Of("string"))))] });
            operations.Add(new("PUT", $"/projects/{{projectId}}/{thing}/{{id}}", location) { Parameters = [PathId("projectId"), PathId("id")], RequestBody = new([new MediaContent("application/json", Object(("name", SchemaModel.Of("string"))))]), Responses = [Json("200", Object(("id", SchemaModel.Of("string"))))] });
            operations.Add(new("DELETE", $"/projects/{{projectId}}/{thing}/{{id}}", location) { Parameters = [PathId("projectId"), PathId("id")], Responses = [new ApiResponse("204")] });
        }

        var plan = Plan(new ApiModel("Big", operations), out var diagnostics);

        Assert.Empty(diagnostics);
        Assert.Equal(150, plan.Flows.Count);
        Assert.All(plan.Flows, f => Assert.InRange(f.Steps.Count, 5, FlowInference.MaxFlowSteps));
        var thing7 = plan.Flows.Single(f => f.Name == "thing7");
        Assert.Equal(["POST /projects", "POST /projects/{projectId}/thing6s", "POST /projects/{projectId}/thing7s", "GET /projects/{projectId}/thing7s/{id}", "PUT /projects/{projectId}/thing7s/{id}", "DELETE /projects/{projectId}/thing7s/{id}"], Steps(thing7));
        Assert.Equal("projects_create_id", Fed(thing7.Steps[2], "projectId").Variable);
        Assert.Equal("projects_thing7s_create_id", Fed(thing7.Steps[5], "id").Variable);
    }

    [Fact]
    public void The_build_log_names_each_flow_its_steps_and_edges_and_the_auth_source()
    {
        var output = LoadTestGenerator.Generate(GenerationFixtures.SampleShop(), new GenerationOptions("ShopApi", "ShopApi.Tests"));

        Assert.Contains(output.Messages, m => m == "LoadTest.Sdk: ShopApi: flow products_cart_orders (inferred from the API's producer → consumer edges): "
            + "GET /api/products -> POST /api/cart/add -> POST /api/orders/create -> GET /api/orders/{id}; "
            + "POST /api/cart/add body productId <- step 1 GET /api/products response items[*].id (id of that resource); "
            + "POST /api/orders/create body cartId <- step 2 POST /api/cart/add response cartId (same name); "
            + "GET /api/orders/{id} path {id} <- step 3 POST /api/orders/create response id (id of that resource)");
        Assert.Contains(output.Messages, m => m.StartsWith("LoadTest.Sdk: ShopApi: auth: security scheme 'bearerAuth' (http bearer): each virtual user signs up", StringComparison.Ordinal));
        Assert.Contains(output.Messages, m => m == "LoadTest.Sdk: ShopApi: session: POST /api/auth/signup -> POST /api/auth/login");
    }
}
