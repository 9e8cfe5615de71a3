using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>
/// Controllers, services and routes as classes (Fixtures/Express/class-based, the typescript-express-starter layout):
/// route classes whose constructors register routes, an App class mounting them in a forEach, handlers that are arrow
/// properties, methods bound at the route, wrapped in asyncHandler or called from an arrow, a service held in a
/// TypeScript parameter property or built by typedi's Container.get (its repository injected by type), and a status
/// sent by a base class's method. Asserted on the generated requests.
/// </summary>
public sealed class ClassBasedExpressTests
{
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> App = new(() => ExpressFixtures.Read("class-based/src").Checked());

    private static IReadOnlyList<SampledRequest> Requests(string method, string path) =>
        GeneratedRequests.Sample(App.Value.Model, App.Value.Model.Op(method, path), 30);

    [Fact]
    public void Routes_registered_by_class_constructors_are_found_mounted_with_no_warning()
    {
        Assert.Empty(App.Value.Diagnostics);
        Assert.Equal(
            [
                "DELETE /users/{id}", "GET /", "GET /users", "GET /users/{id}", "PATCH /api/accounts/{id}", "POST /api/accounts",
                "POST /users", "PUT /users/{id}",
            ],
            App.Value.Model.Operations.Select(o => o.DisplayName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Handlers_on_class_instances_give_their_bodies_queries_and_statuses()
    {
        // An arrow property validated by a class-validator DTO; 201 comes from the base controller's created(res, …).
        Assert.All(Requests("POST", "/users"), r =>
        {
            var body = Assert.IsType<JsonObject>(r.Body);
            Assert.Contains("@", body["email"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.InRange(body["password"]!.GetValue<string>().Length, 9, 32);
            Assert.Contains(201, r.ExpectedStatuses);
        });

        // A method wrapped in asyncHandler(…): the body goes through this.userService (from the typedi container) into
        // the repository the container injected, whose parameter is typed.
        Assert.All(Requests("PUT", "/users/{id}"), r => Assert.All(Assert.IsType<JsonObject>(r.Body), m => Assert.Equal("nickname", m.Key)));
        Assert.Contains(Requests("PUT", "/users/{id}"), r => Assert.IsType<JsonObject>(r.Body).ContainsKey("nickname"));

        // A method called from an arrow with (req, res): its 204 is the check.
        Assert.All(Requests("DELETE", "/users/{id}"), r => Assert.Equal([204], r.ExpectedStatuses));
        Assert.Equal("page", Assert.Single(App.Value.Model.Op("GET", "/users").Parameters, p => p.In == ParameterLocation.Query).Name);

        // The service in a parameter property: req.body.user reaches create(input: RegisterInput).
        Assert.All(Requests("POST", "/api/accounts"), r =>
        {
            var user = Assert.IsType<JsonObject>(Assert.IsType<JsonObject>(r.Body)["user"]);
            Assert.Equal(["email", "password", "username"], user.Select(m => m.Key).Order());
            Assert.Contains(201, r.ExpectedStatuses);
        });

        // A method bound at the route: the whole body is rename's RenameInput.
        Assert.All(Requests("PATCH", "/api/accounts/{id}"), r => Assert.False(string.IsNullOrEmpty(Assert.IsType<JsonObject>(r.Body)["username"]!.GetValue<string>())));
    }

    [Fact]
    public void The_k6_script_through_the_class_handlers_passes_k6_inspect() =>
        GeneratedRequests.AssertK6Accepts(GeneratedRequests.Generate(App.Value.Model, "POST /users", "PUT /users/{id}", "POST /api/accounts", "DELETE /users/{id}"));
}
