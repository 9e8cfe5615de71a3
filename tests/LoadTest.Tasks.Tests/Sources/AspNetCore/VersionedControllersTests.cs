using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Tests.Sources.AspNetCore;

/// <summary>
/// Asp.Versioning with a configured reader (Fixtures/AspNetCore/versioned-controllers): a header reader combined with
/// the URL segment reader, [ApiVersion] controllers of the same route in two namespaces, [MapToApiVersion],
/// [ApiVersionNeutral], an unannotated controller (the default version), a minimal API version set, and
/// controller result helpers (CreatedAtAction, NoContent). Asserted on the requests the generator sends.
/// </summary>
public sealed class VersionedControllersTests
{
    private static readonly Lazy<(ApiModel Model, IReadOnlyList<SourceDiagnostic> Diagnostics)> Project = new(() => AspNetCoreReaderTests.Read("versioned-controllers").Checked());

    private static ApiModel Model => Project.Value.Model;

    private static IReadOnlyList<SampledRequest> Requests(string method, string path, int count = 40) =>
        [.. Model.Operations.Where(o => o.Method == method && o.PathTemplate == path).SelectMany(o => GeneratedRequests.Sample(Model, o, count))];

    [Fact]
    public void The_version_goes_into_the_header_the_reader_reads()
    {
        Assert.Empty(Project.Value.Diagnostics);

        // Two controllers serve GET /api/products, v1 and v2; both are operations, v2 keeps its required category.
        var lists = Model.Operations.Where(o => o.DisplayName == "GET /api/products").ToList();
        Assert.Equal(2, lists.Count);
        var byVersion = Requests("GET", "/api/products").GroupBy(r => r.Headers["X-Api-Version"]).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(["1.0", "2.0"], byVersion.Keys.Order());
        Assert.All(byVersion["2.0"], r => Assert.True(r.Query.ContainsKey("category")));
        Assert.All(byVersion["1.0"], r => Assert.False(r.Query.ContainsKey("category")));
        Assert.All(byVersion.Values.SelectMany(r => r), r => Assert.DoesNotContain("api-version", r.Query.Keys));

        // An unannotated controller answers the default version; a neutral one needs none.
        Assert.All(Requests("GET", "/api/legacy"), r => Assert.Equal("1.0", r.Headers["X-Api-Version"]));
        Assert.All(Requests("GET", "/health"), r => Assert.False(r.Headers.ContainsKey("X-Api-Version")));

        // A minimal API version set; MapToApiVersion picks from it.
        Assert.All(Requests("GET", "/reports/daily"), r => Assert.Equal("3.0", r.Headers["X-Api-Version"]));
        Assert.All(Requests("POST", "/reports"), r => Assert.Equal(("3.0", 202), (r.Headers["X-Api-Version"], r.ExpectedStatuses.Single())));
    }

    [Fact]
    public void A_version_route_segment_is_filled_with_the_endpoint_versions()
    {
        Assert.All(Requests("GET", "/api/v{version}/stores"), r => Assert.Matches(@"^/api/v[12]\.0/stores$", r.Path));
        Assert.Contains(Requests("GET", "/api/v{version}/stores"), r => r.Path == "/api/v2.0/stores");
        Assert.All(Requests("GET", "/api/v{version}/stores/{id}"), r =>
        {
            Assert.StartsWith("/api/v2.0/stores/", r.Path, StringComparison.Ordinal);
            Assert.False(r.Headers.ContainsKey("X-Api-Version"));
        });
    }

    [Fact]
    public void Controller_result_helpers_give_the_statuses()
    {
        Assert.All(Requests("POST", "/api/products"), r => Assert.Equal([201], r.ExpectedStatuses));
        Assert.All(Requests("DELETE", "/api/products/{id}"), r => Assert.Equal([204], r.ExpectedStatuses));
        var get = Model.Operations.Single(o => o.DisplayName == "GET /api/products/{id}");
        Assert.Equal(["200", "404"], get.Responses.Select(r => r.StatusCode));
        Assert.Equal("Product", get.Responses[0].Content.Single().Schema.RefName);
        Assert.Equal("Product", Model.Operations.Single(o => o.DisplayName == "POST /api/products").Responses.Single().Content.Single().Schema.RefName);

        var script = GeneratedRequests.K6Script(Model, "POST /api/products", "DELETE /api/products/{id}");
        Assert.Contains("headers[\"X-Api-Version\"] = lt.asText(\"1.0\");", script, StringComparison.Ordinal);
        Assert.Contains("r.status === 201", script, StringComparison.Ordinal);
        Assert.Contains("r.status === 204", script, StringComparison.Ordinal);
    }
}
