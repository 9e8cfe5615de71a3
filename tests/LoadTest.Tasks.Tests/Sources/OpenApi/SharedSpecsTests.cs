using LoadTest.Tasks.Sources.OpenApi;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Every public OpenAPI document in shared/specs reads without errors, with the operations it declares.</summary>
public sealed class SharedSpecsTests
{
    // Operation counts taken from the files themselves (methods under 'paths'; webhooks and callbacks are not operations).
    public static TheoryData<string, int> Specs => new()
    {
        { "openapi-2.0/petstore-expanded.yaml", 4 },
        { "openapi-2.0/uber.json", 5 },
        { "openapi-2.0/petstore-separate/spec/swagger.yaml", 4 },
        { "openapi-3.0/api-with-examples.yaml", 2 },
        { "openapi-3.0/callback-example.yaml", 1 },
        { "openapi-3.0/link-example.yaml", 6 },
        { "openapi-3.0/petstore-expanded.yaml", 4 },
        { "openapi-3.0/petstore.yaml", 3 },
        { "openapi-3.0/uspto.yaml", 3 },
        { "openapi-3.1/non-oauth-scopes.yaml", 1 },
        { "openapi-3.1/realworld-conduit.yaml", 19 },
        { "openapi-3.1/tictactoe.yaml", 3 },
        { "openapi-3.1/webhook-example.yaml", 0 },
        { "openapi-3.2/3.2-tags-example.yaml", 4 },
        { "museum/openapi.yaml", 8 },
    };

    [SharedSpecsTheory]
    [MemberData(nameof(Specs))]
    public void Spec_reads_without_errors_with_its_operations(string relativePath, int expectedOperations)
    {
        var path = SharedSpec(relativePath);

        var result = Read(path);

        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics.Select(Describe)));
        Assert.NotNull(result.Model);
        Assert.Equal(expectedOperations, result.Model.Operations.Count);
        Assert.All(result.Model.Operations, op =>
        {
            Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(op.Location.File));
            Assert.True(op.Location.Line > 0, $"{op.DisplayName} has no line");
            Assert.StartsWith("/paths/", op.Location.Pointer);
        });
    }

    [SharedSpecsFact]
    public void Every_OpenApi_document_in_shared_specs_is_listed_above()
    {
        var reader = new OpenApiSourceReader();
        var found = Directory.EnumerateFiles(SharedSpecsRoot!, "*", SearchOption.AllDirectories)
            .Where(reader.CanRead)
            .Select(f => Path.GetRelativePath(SharedSpecsRoot!, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var listed = Specs.Select(row => (string)row[0]).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(listed, found);
    }

    [SharedSpecsFact]
    public void Separate_files_swagger_reads_its_external_parameters_and_schemas()
    {
        var model = ReadClean(SharedSpec("openapi-2.0/petstore-separate/spec/swagger.yaml"));

        var findPets = Operation(model, "findPets");
        Assert.Equal(["tags", "limit"], findPets.Parameters.Select(p => p.Name));
        Assert.Equal("array", findPets.Parameters[0].Schema.Type);
        Assert.Equal("integer", findPets.Parameters[1].Schema.Type);
        var okItems = Assert.Single(findPets.Responses, r => r.StatusCode == "200").Content.Single().Schema.Items;
        Assert.Equal("Pet", okItems?.RefName);

        var addPet = Operation(model, "addPet");
        Assert.Equal("NewPet", addPet.RequestBody?.Content.Single().Schema.RefName);
        Assert.Contains("Pet", model.Schemas.Keys);
        Assert.Contains("Error", model.Schemas.Keys);
        // NewPet.yaml is allOf [Pet.yaml, …]: the external Pet becomes the same named component.
        Assert.Equal("Pet", model.Schemas["NewPet"].AllOf[0].RefName);
        Assert.Equal(["id", "name"], model.Schemas["Pet"].Required);
    }

    [SharedSpecsFact]
    public void Museum_named_examples_by_reference_become_the_media_example()
    {
        var model = ReadClean(SharedSpec("museum/openapi.yaml"));

        var hours = Operation(model, "getMuseumHours");
        var example = Assert.Single(hours.Responses, r => r.StatusCode == "200").Content.Single().Example;
        Assert.Equal("2023-09-11", example?[0]?["date"]?.GetValue<string>());
        Assert.Equal(["startDate", "page", "limit"], hours.Parameters.Select(p => p.Name));
        Assert.Equal("MuseumHours", hours.Responses[0].Content[0].Schema.RefName);
    }

    [SharedSpecsFact]
    public void Swagger_document_lines_point_at_the_operation()
    {
        var path = SharedSpec("openapi-2.0/petstore-expanded.yaml");
        var model = ReadClean(path);
        var lines = File.ReadAllLines(path);

        foreach (var operation in model.Operations)
        {
            Assert.Equal(operation.Method.ToLowerInvariant() + ":", lines[operation.Location.Line - 1].Trim());
        }
    }
}
