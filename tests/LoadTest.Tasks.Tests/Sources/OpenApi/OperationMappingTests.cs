using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Operations, parameters, bodies, responses, security and servers of operations-30.yaml and swagger-20.json.</summary>
public sealed class OperationMappingTests
{
    private static readonly string Orders = Fixture("operations-30.yaml");

    [Fact]
    public void Reads_every_operation_with_method_path_and_the_line_it_is_declared_on()
    {
        var model = ReadClean(Orders);

        Assert.Equal(
            ["GET /orders", "POST /orders", "GET /orders/{orderId}", "DELETE /orders/{orderId}"],
            model.Operations.Select(o => o.DisplayName));
        foreach (var id in new[] { "listOrders", "createOrder", "getOrder", "deleteOrder" })
        {
            var operation = Operation(model, id);
            Assert.Equal(LineOf(Orders, "# op:" + id), operation.Location.Line);
            Assert.Equal(Orders, operation.Location.File);
        }

        Assert.Equal("/paths/~1orders/post", Operation(model, "createOrder").Location.Pointer);
        Assert.Equal("/paths/~1orders~1{orderId}/delete", Operation(model, "deleteOrder").Location.Pointer);
    }

    [Fact]
    public void Reads_summary_tags_and_servers_with_variable_defaults()
    {
        var model = ReadClean(Orders);

        Assert.Equal("Orders API", model.Title);
        Assert.Equal(["https://shop.example.com/api", "http://localhost:5000"], model.Servers);
        var create = Operation(model, "createOrder");
        Assert.Equal("Create an order", create.Summary);
        Assert.Equal(["orders", "write"], create.Tags);
    }

    [Fact]
    public void Merges_path_level_parameters_and_lets_the_operation_override_them()
    {
        var model = ReadClean(Orders);

        var list = Operation(model, "listOrders");
        Assert.Equal(
            ["filter:Query", "ids:Query", "verbose:Query", "session:Cookie", "X-Tenant:Header"],
            list.Parameters.Select(p => $"{p.Name}:{p.In}"));
        var verbose = Assert.Single(list.Parameters, p => p.Name == "verbose");
        Assert.Equal("string", verbose.Schema.Type);
        Assert.True(verbose.Required);

        var create = Operation(model, "createOrder");
        Assert.Equal("boolean", Assert.Single(create.Parameters, p => p.Name == "verbose").Schema.Type);
        Assert.True(Assert.Single(create.Parameters, p => p.Name == "X-Tenant").Required);

        var orderId = Assert.Single(Operation(model, "getOrder").Parameters);
        Assert.Equal(ParameterLocation.Path, orderId.In);
        Assert.Equal(("integer", "int64"), (orderId.Schema.Type, orderId.Schema.Format));
    }

    [Fact]
    public void Keeps_style_explode_and_examples_of_parameters()
    {
        var list = Operation(ReadClean(Orders), "listOrders");

        var filter = Assert.Single(list.Parameters, p => p.Name == "filter");
        Assert.Equal(("deepObject", true), (filter.Style, filter.Explode));
        Assert.Equal(["status", "minTotal"], filter.Schema.Properties.Keys);

        var ids = Assert.Single(list.Parameters, p => p.Name == "ids");
        Assert.Equal(("form", false), (ids.Style, ids.Explode));
        Assert.Equal("integer", ids.Schema.Items?.Type);
        Assert.Equal("[1,2,3]", ids.Example?.ToJsonString());
    }

    [Fact]
    public void Reads_request_bodies_per_media_type_with_examples()
    {
        var body = Operation(ReadClean(Orders), "createOrder").RequestBody;

        Assert.NotNull(body);
        Assert.True(body.Required);
        Assert.Equal(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"], body.Content.Select(c => c.ContentType));
        Assert.Equal("Order", body.Content[0].Schema.RefName);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":1,"total":9.5}"""), body.Content[0].Example));
        Assert.Equal(["total"], body.Content[1].Schema.Required);
        Assert.Equal("binary", body.Content[2].Schema.Properties["receipt"].Format);
    }

    [Fact]
    public void Reads_responses_including_ranges_and_default()
    {
        var model = ReadClean(Orders);

        var list = Operation(model, "listOrders");
        Assert.Equal(["2XX", "default"], list.Responses.Select(r => r.StatusCode));
        Assert.Equal("Order", list.Responses[0].Content.Single().Schema.Items?.RefName);
        Assert.Equal("application/problem+json", list.Responses[1].Content.Single().ContentType);

        var create = Operation(model, "createOrder");
        Assert.Equal(["201", "4XX"], create.Responses.Select(r => r.StatusCode));
        Assert.Equal("7", create.Responses[0].Content.Single().Example?["id"]?.ToJsonString());
    }

    [Fact]
    public void Reads_default_and_per_operation_security()
    {
        var model = ReadClean(Orders);

        Assert.Equal("jwt", Assert.Single(model.DefaultSecurity).SchemeKey);
        Assert.Null(Operation(model, "listOrders").Security);
        Assert.Empty(Operation(model, "getOrder").Security!);
        Assert.Equal(["basicAuth", "headerKey"], Operation(model, "createOrder").Security!.Select(s => s.SchemeKey));
        var delete = Operation(model, "deleteOrder").Security!;
        Assert.Equal(["orders:write"], delete[0].Scopes);
    }

    [Fact]
    public void Maps_each_kind_of_security_scheme()
    {
        var schemes = ReadClean(Orders).SecuritySchemes;

        Assert.Equal((SecuritySchemeKind.HttpBearer, "JWT"), (schemes["jwt"].Kind, schemes["jwt"].BearerFormat));
        Assert.Equal(SecuritySchemeKind.HttpBasic, schemes["basicAuth"].Kind);
        Assert.Equal((SecuritySchemeKind.ApiKey, ParameterLocation.Header, "X-Api-Key"), (schemes["headerKey"].Kind, schemes["headerKey"].In, schemes["headerKey"].ParameterName));
        Assert.Equal((SecuritySchemeKind.ApiKey, ParameterLocation.Query, "api_key"), (schemes["queryKey"].Kind, schemes["queryKey"].In, schemes["queryKey"].ParameterName));
        Assert.Equal((SecuritySchemeKind.ApiKey, ParameterLocation.Cookie, "SESSION"), (schemes["cookieKey"].Kind, schemes["cookieKey"].In, schemes["cookieKey"].ParameterName));
        Assert.Equal((SecuritySchemeKind.OAuth2Password, "https://auth.example.com/token"), (schemes["oauthPassword"].Kind, schemes["oauthPassword"].TokenUrl));
        Assert.Equal((SecuritySchemeKind.OAuth2ClientCredentials, "https://auth.example.com/client-token"), (schemes["oauthClient"].Kind, schemes["oauthClient"].TokenUrl));
        Assert.Equal(SecuritySchemeKind.OpenIdConnect, schemes["oidc"].Kind);
    }

    [Fact]
    public void Reads_swagger_2_form_and_body_parameters_security_and_host()
    {
        var path = Fixture("swagger-20.json");
        var model = ReadClean(path);

        Assert.Equal(["POST /login", "PUT /items/{id}"], model.Operations.Select(o => o.DisplayName));
        Assert.Equal(["https://legacy.example.com/v1"], model.Servers);

        var login = Operation(model, "login");
        var form = Assert.Single(login.RequestBody!.Content);
        Assert.Equal("application/x-www-form-urlencoded", form.ContentType);
        Assert.Equal(["username", "password"], form.Schema.Properties.Keys);
        Assert.Null(login.Security);
        Assert.Equal("basic", Assert.Single(model.DefaultSecurity).SchemeKey);

        var put = Operation(model, "putItem");
        Assert.Equal("Item", Assert.Single(put.RequestBody!.Content).Schema.RefName);
        Assert.Equal(["tags:Query", "id:Path"], put.Parameters.Select(p => $"{p.Name}:{p.In}"));
        Assert.Equal(["200", "default"], put.Responses.Select(r => r.StatusCode));
        Assert.Equal(["key", "password", "app"], put.Security!.Select(s => s.SchemeKey));

        Assert.Equal(SecuritySchemeKind.HttpBasic, model.SecuritySchemes["basic"].Kind);
        Assert.Equal(ParameterLocation.Header, model.SecuritySchemes["key"].In);
        Assert.Equal((SecuritySchemeKind.OAuth2Password, "https://legacy.example.com/token"), (model.SecuritySchemes["password"].Kind, model.SecuritySchemes["password"].TokenUrl));
        Assert.Equal((SecuritySchemeKind.OAuth2ClientCredentials, "https://legacy.example.com/app-token"), (model.SecuritySchemes["app"].Kind, model.SecuritySchemes["app"].TokenUrl));

        Assert.Equal(LineOf(path, "\"put\": {"), put.Location.Line);
        Assert.Equal(0m, model.Schemas["Item"].Properties["price"].ExclusiveMinimum);
        Assert.Equal(20, model.Schemas["Item"].Properties["name"].MaxLength);
    }
}
