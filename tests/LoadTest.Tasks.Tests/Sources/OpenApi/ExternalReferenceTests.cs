using LoadTest.Tasks.Sources.OpenApi;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>References into other files and folders (external/main.yaml and the files it points to).</summary>
public sealed class ExternalReferenceTests
{
    [Fact]
    public void Operations_parameters_responses_and_path_items_from_other_files_are_read()
    {
        var model = ReadClean(Fixture("external/main.yaml"));

        Assert.Equal(["GET /orders", "GET /trees"], model.Operations.Select(o => o.DisplayName));
        var list = Operation(model, "listOrders");
        var pageSize = Assert.Single(list.Parameters);
        Assert.Equal(("pageSize", 100m), (pageSize.Name, pageSize.Schema.Maximum));
        Assert.Equal("application/problem+json", Assert.Single(list.Responses, r => r.StatusCode == "default").Content.Single().ContentType);
        Assert.Equal("Order", list.Responses[0].Content.Single().Schema.Items?.RefName);
        Assert.Equal("Tree", Operation(model, "getTrees").Responses.Single().Content.Single().Schema.RefName);
    }

    [Fact]
    public void External_schemas_become_named_components_that_keep_recursion_finite()
    {
        var schemas = ReadClean(Fixture("external/main.yaml")).Schemas;

        Assert.Equal("string", schemas["Local"].Type);
        Assert.Equal("OrderLine", schemas["Order"].Properties["lines"].Items?.RefName);
        Assert.Equal("Order", schemas["OrderLine"].Properties["order"].RefName);
        Assert.Equal("Customer", schemas["Order"].Properties["customer"].RefName);
        Assert.Equal("email", schemas["Customer"].Properties["email"].Format);
        Assert.Equal("Tree", schemas["Tree"].Properties["children"].Items?.RefName);
    }

    [Fact]
    public void An_operation_that_lives_in_another_file_is_located_at_the_reference_to_it()
    {
        var path = Fixture("external/main.yaml");
        var trees = Operation(ReadClean(path), "getTrees");

        Assert.Equal(LineOf(path, "/trees:"), trees.Location.Line);
    }

    [Fact]
    public void A_reference_cycle_across_files_is_an_error_in_the_file_that_closes_it()
    {
        var result = Read(Fixture("external-cycle/main.yaml"));

        var cycle = Assert.Single(result.Diagnostics, d => d.Code == OpenApiDiagnosticCodes.ReferenceCycle);
        Assert.Equal("two.yaml", Path.GetFileName(cycle.Location.File));
        Assert.Equal(2, cycle.Location.Line);
        Assert.NotNull(result.Model);
        Assert.Single(result.Model.Operations);
    }
}
