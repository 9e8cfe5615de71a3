using LoadTest.Tasks.Model;
using LoadTest.Tasks.Tests.Sources.Express;

namespace LoadTest.Tasks.Tests.Sources.AspNetCore;

/// <summary>
/// An ASP.NET Core project shaped like dotnet/eShop's Catalog.API and Ordering.API (Fixtures/AspNetCore/eshop-catalog):
/// versioned minimal API groups (NewVersionedApi, HasApiVersion), TypedResults and Results&lt;…&gt; return types,
/// authorization applied where group extensions are called. Asserted on the requests the generator sends.
/// </summary>
public sealed class EshopCatalogTests
{
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> Catalog = new(() => AspNetCoreReaderTests.Read("eshop-catalog/Catalog.API.csproj").Checked());

    private static ApiModel Model => Catalog.Value.Model;

    /// <summary>By WithName, else by method and path (the Ordering endpoints have no names).</summary>
    private static ApiOperation Named(string name) => Assert.Single(Model.Operations, o => o.OperationId == name || o.OperationId is null && o.DisplayName == name);

    [Fact]
    public void Typed_results_are_read_without_unresolved_type_warnings()
    {
        Assert.Empty(Catalog.Value.Diagnostics);
        Assert.DoesNotContain("Created", Model.Schemas.Keys);
        Assert.Equal(["200", "400", "404"], Named("GetItem").Responses.Select(r => r.StatusCode));
        Assert.Equal("CatalogItem", Named("GetItem").Responses[0].Content.Single().Schema.RefName);
        Assert.Equal(["201", "400"], Named("CreateItem").Responses.Select(r => r.StatusCode));
        Assert.Equal(["204", "404"], Named("DeleteItem").Responses.Select(r => r.StatusCode));
        Assert.Equal("array", Model.Resolve(Named("ListItemTypes").Responses.Single().Content.Single().Schema).Type);

        // .Produces<CatalogType>(201) on an IResult handler, and ProducesValidationProblem() (400, not a second 200)
        var createType = Named("POST /api/catalog/admin/types");
        Assert.Equal(["201", "400"], createType.Responses.Select(r => r.StatusCode));
        Assert.Equal("CatalogType", createType.Responses[0].Content.Single().Schema.RefName);
        Assert.Equal([201], GeneratedRequests.Sample(Model, createType, 1)[0].ExpectedStatuses);
    }

    [Theory]
    [InlineData("ListItems-V2", 200)]
    [InlineData("GetItem", 200)]
    [InlineData("CreateItem", 201)]
    [InlineData("UpdateItem", 201)]
    [InlineData("UpdateItem-V2", 201)]
    [InlineData("DeleteItem", 204)]
    public void Checks_expect_the_status_the_endpoint_returns(string operationId, int status)
    {
        Assert.All(GeneratedRequests.Sample(Model, Named(operationId), 5), r => Assert.Equal([status], r.ExpectedStatuses));
    }

    [Fact]
    public void Each_request_names_an_api_version_of_its_group_and_v1_v2_stay_separate()
    {
        // GET /api/catalog/items exists in v1 (paging only) and v2 (paging and filters): two operations.
        var lists = Model.Operations.Where(o => o.DisplayName == "GET /api/catalog/items").Select(o => o.OperationId).Order();
        Assert.Equal(["ListItems", "ListItems-V2"], lists);
        Assert.DoesNotContain(Named("ListItems").Parameters, p => p.Name is "name" or "type" or "brand");
        Assert.Contains(Named("ListItems-V2").Parameters, p => p is { Name: "brand", In: ParameterLocation.Query });

        static HashSet<string> VersionsSent(string operationId) =>
            [.. GeneratedRequests.Sample(Model, Named(operationId), 60).Select(r => r.Query["api-version"])];

        Assert.Equal(["1.0"], VersionsSent("ListItems"));
        Assert.Equal(["2.0"], VersionsSent("ListItems-V2"));
        Assert.Equal(["1.0", "2.0"], VersionsSent("GetItem").Order());
        Assert.Equal(["1.0"], VersionsSent("UpdateItem"));
        Assert.Equal(["1.0"], VersionsSent("POST /api/orders"));

        // Paging from [AsParameters] PaginationRequest, defaults honoured; the services parameter is not request data.
        var pageSize = Named("ListItems-V2").Parameters.Single(p => p.Name == "PageSize");
        Assert.Equal(("integer", "10"), (pageSize.Schema.Type, pageSize.Schema.Default?.ToJsonString()));
        Assert.DoesNotContain(Named("ListItems-V2").Parameters, p => p.Name is "Context" or "context" or "Logger");

        // An API-version-neutral endpoint sends none.
        var health = Assert.Single(Model.Operations, o => o.DisplayName == "GET /api/catalog/admin/health");
        Assert.All(GeneratedRequests.Sample(Model, health, 5), r => Assert.DoesNotContain("api-version", r.Query.Keys));
    }

    [Fact]
    public void Authorization_at_the_call_site_of_a_group_extension_protects_its_routes()
    {
        string[] Secured() => [.. Model.Operations.Where(o => o.Security is { Count: > 0 }).Select(o => o.DisplayName).Order(StringComparer.Ordinal)];
        Assert.Equal(
            [
                "DELETE /api/catalog/admin/brands/{id}", "GET /api/orders", "GET /api/orders/{orderId}", "POST /api/catalog/admin/brands",
                "POST /api/catalog/admin/types", "POST /api/orders", "PUT /api/orders/cancel",
            ],
            Secured());

        Assert.True(GeneratedRequests.Sample(Model, Named("POST /api/orders"), 1)[0].Authenticated);
        Assert.False(GeneratedRequests.Sample(Model, Named("CreateItem"), 1)[0].Authenticated);
        var health = Assert.Single(Model.Operations, o => o.DisplayName == "GET /api/catalog/admin/health");
        Assert.Empty(health.Security!); // AllowAnonymous inside the protected group
        Assert.Equal(SecuritySchemeKind.HttpBearer, Model.SecuritySchemes["bearerAuth"].Kind);
    }

    [Fact]
    public void The_k6_script_sends_the_version_and_checks_the_statuses()
    {
        var output = GeneratedRequests.Generate(Model, "ListItems-V2", "CreateItem", "GetItem", "UpdateItem-V2", "DeleteItem", "POST /api/orders");
        var script = output.Files.Single(f => f.RelativePath == "probe.js").Content;
        Assert.Contains("[\"api-version\", \"2.0\"]", script, StringComparison.Ordinal);
        Assert.Contains("[\"api-version\", lt.pick([\"1.0\", \"2.0\"])]", script, StringComparison.Ordinal);
        Assert.Contains("r.status === 201", script, StringComparison.Ordinal);
        Assert.Contains("r.status === 204", script, StringComparison.Ordinal);
        Assert.Contains("Object.assign(headers, authHeaders(row));", script, StringComparison.Ordinal);
        var twin = output.Files.Single(f => f.RelativePath == "Api.ProbeScenario.g.cs").Content;
        Assert.Contains("(\"api-version\", \"2.0\")", twin, StringComparison.Ordinal);
        Assert.Contains("r.Status is 204", twin, StringComparison.Ordinal);
        GeneratedRequests.AssertK6Accepts(output);
    }
}
