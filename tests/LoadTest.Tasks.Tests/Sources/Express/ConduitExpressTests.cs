using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>
/// RealWorld/Conduit's Express implementations, in TypeScript (Fixtures/Express/conduit-ts: services taking
/// <c>input: RegisterInput</c> or an untyped payload, express-jwt behind <c>auth.required</c>/<c>auth.optional</c>) and
/// in CommonJS JavaScript (Fixtures/Express/conduit-js: <c>req.body.user.email</c> chains, passport,
/// <c>require()</c>-created middleware). Asserted on the requests the generator sends.
/// </summary>
public sealed class ConduitExpressTests
{
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> Ts = new(() => ExpressFixtures.Read("conduit-ts/src").Checked());
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> Js = new(() => ExpressFixtures.Read("conduit-js").Checked());

    private static JsonObject Body(ApiModel model, string method, string path, int seed = 0) =>
        Assert.IsType<JsonObject>(GeneratedRequests.Sample(model, model.Op(method, path), 20)[seed].Body);

    [Fact]
    public void Register_sends_the_typed_parameter_wrapped_in_user()
    {
        var model = Ts.Value.Model;
        foreach (var request in GeneratedRequests.Sample(model, model.Op("POST", "/api/users"), 30))
        {
            var user = Assert.IsType<JsonObject>(Assert.Single(request.Body!.AsObject()).Value);
            Assert.Contains("@", user["email"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(user["username"]!.GetValue<string>()));
            Assert.False(string.IsNullOrEmpty(user["password"]!.GetValue<string>()));
            // demo is set by the handler itself ({ ...req.body.user, demo: false }): not the client's to send
            Assert.False(user.ContainsKey("demo"));
            Assert.Equal([201], request.ExpectedStatuses);
            Assert.False(request.Authenticated);
        }

        var script = GeneratedRequests.K6Script(model, "POST /api/users", "POST /api/users/login");
        Assert.Matches("\"user\": \\(\\{\\s+\"email\": lt\\.email\\(\\),\\s+\"username\": lt\\.username\\(\\),\\s+\"password\": lt\\.password\\(\\)", script);
    }

    [Fact]
    public void Login_sends_the_members_its_untyped_service_reads()
    {
        var model = Ts.Value.Model;
        var user = Body(model, "POST", "/api/users/login")["user"]!.AsObject();
        Assert.Equal(["email", "password"], user.Select(m => m.Key).Order());
        Assert.Contains("@", user["email"]!.GetValue<string>(), StringComparison.Ordinal);

        var update = Body(model, "PUT", "/api/user")["user"]!.AsObject();
        Assert.Equal(["bio", "email", "image", "password", "username"], update.Select(m => m.Key).Order());

        // a member of a member passed to a typed parameter: { comment: { body: string } }
        Assert.Equal(System.Text.Json.JsonValueKind.String, Body(model, "POST", "/api/articles/{slug}/comments")["comment"]!["body"]!.GetValueKind());
        Assert.Equal(["body", "description", "tagList", "title"], Body(model, "POST", "/api/articles")["article"]!.AsObject().Select(m => m.Key).Order());
    }

    [Fact]
    public void Bodies_that_cannot_be_typed_are_reported()
    {
        var diagnostics = Ts.Value.Diagnostics;
        // tags go into a function whose parameter has no type and whose members are never read
        var untyped = Assert.Single(diagnostics, d => d.Code == "LT1111");
        Assert.Equal(("tag.service.ts", 4), (Path.GetFileName(untyped.Location.File), untyped.Location.Line));
        Assert.Contains("saveAll()", untyped.Message, StringComparison.Ordinal);
        Assert.Equal("object", Ts.Value.Model.Body(Ts.Value.Model.Op("POST", "/api/tags/import")).Properties["tags"].Type);

        // members known only by name (the untyped services) are listed, per route
        var byName = diagnostics.Where(d => d.Code == "LT1112").Select(d => d.Message).ToList();
        Assert.Contains(byName, m => m.Contains("POST /api/users/login", StringComparison.Ordinal) && m.Contains("user.email, user.password", StringComparison.Ordinal));
        Assert.DoesNotContain(byName, m => m.Contains("POST /api/users ", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.Contains(d.Code, new[] { "LT1111", "LT1112" }));
    }

    [Fact]
    public void Only_authenticating_middleware_marks_routes_as_protected()
    {
        static string[] Secured(ApiModel model) =>
            [.. model.Operations.Where(o => (o.Security ?? model.DefaultSecurity).Count > 0).Select(o => o.DisplayName).Order(StringComparer.Ordinal)];

        // method-override, morgan, cors, helmet, body-parser are not authentication; express-jwt is, unless credentialsRequired: false
        Assert.Equal(
            [
                "DELETE /api/articles/{slug}", "GET /api/user", "POST /api/articles", "POST /api/articles/{slug}/comments", "POST /api/articles/{slug}/favorite",
                "POST /api/tags/import", "PUT /api/articles/{slug}", "PUT /api/user",
            ],
            Secured(Ts.Value.Model));

        Assert.Equal(
            ["DELETE /api/articles/{article}", "GET /api/user", "POST /api/articles", "POST /api/profiles/{username}/follow", "PUT /api/user"],
            Secured(Js.Value.Model));

        var generated = GeneratedRequests.Sample(Ts.Value.Model, Ts.Value.Model.Op("GET", "/api/articles"), 1)[0];
        Assert.False(generated.Authenticated);
        Assert.True(GeneratedRequests.Sample(Ts.Value.Model, Ts.Value.Model.Op("PUT", "/api/user"), 1)[0].Authenticated);
    }

    [Fact]
    public void Member_chains_of_a_javascript_handler_become_a_nested_body()
    {
        var model = Js.Value.Model;
        var register = Body(model, "POST", "/api/users");
        var user = Assert.IsType<JsonObject>(Assert.Single(register).Value);
        Assert.Equal(["email", "password", "username"], user.Select(m => m.Key).Order());
        Assert.Contains("@", user["email"]!.GetValue<string>(), StringComparison.Ordinal);

        var login = Body(model, "POST", "/api/users/login")["user"]!.AsObject();
        Assert.Equal(["email", "password"], login.Select(m => m.Key).Order());

        var output = GeneratedRequests.Generate(model, "POST /api/users", "POST /api/users/login", "GET /api/user");
        var script = output.Files.Single(f => f.RelativePath == "probe.js").Content;
        Assert.Contains("\"user\": ({", script, StringComparison.Ordinal);
        GeneratedRequests.AssertK6Accepts(output);
    }
}

/// <summary>The other ways a body reaches a type (Fixtures/Express/body-flow): destructured locals, typed locals, casts on members, destructuring parameters, the whole body.</summary>
public sealed class BodyFlowTests
{
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> App = new(() => ExpressFixtures.Read("body-flow/src").Checked());

    private static IReadOnlyList<JsonObject> Bodies(string method, string path) =>
        [.. GeneratedRequests.Sample(App.Value.Model, App.Value.Model.Op(method, path), 30).Select(r => Assert.IsType<JsonObject>(r.Body))];

    [Fact]
    public void Bodies_reach_their_types_through_locals_casts_and_parameters()
    {
        // only the untyped destructuring parameter leaves members known by name alone
        var byName = Assert.Single(App.Value.Diagnostics);
        Assert.Equal("LT1112", byName.Code);
        Assert.Contains("PATCH /profile", byName.Message, StringComparison.Ordinal);
        Assert.All(Bodies("POST", "/orders"), body =>
        {
            var order = body["order"]!.AsObject();
            Assert.InRange(order["quantity"]!.GetValue<double>(), 1, 5);
            Assert.Contains(order["sku"]!.GetValue<string>(), new[] { "A-1", "B-2" });
        });

        Assert.All(Bodies("PUT", "/orders/{id}/shipping"), body =>
        {
            Assert.Equal(["city", "street"], body["shipping"]!.AsObject().Select(m => m.Key).Order());
            Assert.Equal(System.Text.Json.JsonValueKind.String, body["note"]!.GetValueKind());
        });

        Assert.All(Bodies("PATCH", "/profile"), body => Assert.Equal(["first", "last"], body["profile"]!.AsObject().Select(m => m.Key).Order()));

        Assert.All(Bodies("POST", "/subscriptions"), body =>
        {
            Assert.Contains("@", body["email"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(body["plan"]!.GetValue<string>(), new[] { "free", "pro" });
        });
    }
}
