using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources;
using LoadTest.Tasks.Sources.Express;

namespace LoadTest.Tasks.Tests.Sources.Express;

/// <summary>Reads the Express fixture apps under Fixtures/Express and helps tests look at the result.</summary>
internal static class ExpressFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Express", name);

    public static SourceReadResult Read(string name) => new ExpressSourceReader().Read(PathOf(name));

    public static ApiModel ReadModel(string name)
    {
        var result = Read(name);
        Assert.NotNull(result.Model);
        return result.Model!;
    }

    public static ApiOperation Op(this ApiModel model, string method, string path) =>
        model.Operations.SingleOrDefault(o => o.Method == method && o.PathTemplate == path)
        ?? throw new Xunit.Sdk.XunitException($"{method} {path} not found; operations: {string.Join(", ", model.Operations.Select(o => o.DisplayName))}");

    public static SchemaModel Resolve(this ApiModel model, SchemaModel schema)
    {
        for (var i = 0; i < 10 && schema.RefName is { } name; i++)
        {
            schema = model.Schemas[name];
        }

        return schema;
    }

    public static SchemaModel Body(this ApiModel model, ApiOperation operation)
    {
        Assert.NotNull(operation.RequestBody);
        var content = Assert.Single(operation.RequestBody!.Content);
        Assert.Equal("application/json", content.ContentType);
        return model.Resolve(content.Schema);
    }

    public static IEnumerable<string> EnumStrings(this SchemaModel schema) => schema.Enum.Select(e => e?.ToString() ?? "null");

    public static string Dump(ApiModel model) => JsonSerializer.Serialize(model, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault });
}
