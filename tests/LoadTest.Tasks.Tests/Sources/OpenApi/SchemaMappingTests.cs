using System.Text.Json.Nodes;
using static LoadTest.Tasks.Tests.Sources.OpenApi.OpenApiTestFiles;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Schema keywords of OpenAPI 3.0 (schemas-30.yaml) and 3.1 (schemas-31.json) in the model.</summary>
public sealed class SchemaMappingTests
{
    [Fact]
    public void Components_become_named_schemas_and_references_stay_references()
    {
        var model = ReadClean(Fixture("schemas-30.yaml"));

        Assert.Equal(["Pet", "Cat", "Dog", "Base", "TreeNode", "Ping", "Pong"], model.Schemas.Keys);
        var addPet = Operation(model, "addPet");
        Assert.Equal("Pet", addPet.RequestBody!.Content.Single().Schema.RefName);
    }

    [Fact]
    public void Self_and_mutually_recursive_schemas_are_finite_references()
    {
        var schemas = ReadClean(Fixture("schemas-30.yaml")).Schemas;

        var tree = schemas["TreeNode"];
        Assert.Equal("TreeNode", tree.Properties["parent"].RefName);
        Assert.Equal("TreeNode", tree.Properties["children"].Items?.RefName);
        Assert.Equal("Pong", schemas["Ping"].Properties["pong"].RefName);
        Assert.Equal("Ping", schemas["Pong"].Properties["ping"].RefName);
    }

    [Fact]
    public void Composition_and_discriminator_are_kept()
    {
        var schemas = ReadClean(Fixture("schemas-30.yaml")).Schemas;

        var pet = schemas["Pet"];
        Assert.Equal(["Cat", "Dog"], pet.OneOf.Select(s => s.RefName));
        Assert.Equal("kind", pet.DiscriminatorProperty);
        Assert.Equal("Cat", pet.DiscriminatorMapping["cat"]);
        Assert.Equal("Dog", pet.DiscriminatorMapping["dog"]);
        Assert.Equal("Base", schemas["Cat"].AllOf[0].RefName);
        Assert.Equal("9", schemas["Cat"].AllOf[1].Properties["lives"].Default?.ToJsonString());
        Assert.Equal("Base", schemas["Dog"].AnyOf[0].RefName);
        Assert.Equal("boolean", schemas["Dog"].AnyOf[1].Properties["barks"].Type);
    }

    [Fact]
    public void Constraints_of_a_3_0_schema_are_mapped()
    {
        var pet = ReadClean(Fixture("schemas-30.yaml")).Schemas["Pet"];

        Assert.Equal(["name", "kind"], pet.Required);
        var name = pet.Properties["name"];
        Assert.Equal((1, 40, "^[A-Za-z ]+$"), (name.MinLength, name.MaxLength, name.Pattern));
        Assert.Equal(["cat", "dog"], pet.Properties["kind"].Enum.Select(e => e?.GetValue<string>()));

        // 3.0 boolean exclusiveMinimum turns the minimum into an exclusive bound.
        var weight = pet.Properties["weight"];
        Assert.Equal((0m, 100m, 0.5m), (weight.ExclusiveMinimum, weight.Maximum, weight.MultipleOf));
        Assert.Null(weight.Minimum);

        var nickname = pet.Properties["nickname"];
        Assert.True(nickname.Nullable);
        Assert.Equal("string", nickname.Type);
        Assert.Equal("Rex", nickname.Default?.GetValue<string>());

        Assert.True(pet.Properties["secret"].WriteOnly);
        var born = pet.Properties["born"];
        Assert.Equal("date", born.Format);
        Assert.Equal("2020-01-02", Assert.Single(born.Examples)?.GetValue<string>());

        var tags = pet.Properties["tags"];
        Assert.Equal((1, 5, true, "string"), (tags.MinItems, tags.MaxItems, tags.UniqueItems, tags.Items?.Type));
        Assert.Equal("integer", pet.Properties["attributes"].AdditionalProperties?.Type);
    }

    [Fact]
    public void Inline_schemas_are_mapped_in_full()
    {
        var model = ReadClean(Fixture("schemas-30.yaml"));

        var inline = Operation(model, "addPet").Responses.Single().Content.Single().Schema;
        Assert.Null(inline.RefName);
        Assert.Equal("TreeNode", inline.Properties["tree"].RefName);
        var count = inline.Properties["count"];
        Assert.Equal((1m, 10m), (count.Minimum, count.ExclusiveMaximum));
        Assert.True(model.Schemas["Base"].Properties["id"].ReadOnly);
    }

    [Fact]
    public void Constraints_of_a_3_1_schema_are_mapped()
    {
        var point = ReadClean(Fixture("schemas-31.json")).Schemas["Point"];

        Assert.True(JsonNode.DeepEquals(JsonValue.Create("point"), point.Properties["kind"].Const));
        var coordinates = point.Properties["coordinates"];
        Assert.Equal(["number", "number"], coordinates.PrefixItems.Select(p => p.Type));
        Assert.Equal((2, 2), (coordinates.MinItems, coordinates.MaxItems));

        var label = point.Properties["label"];
        Assert.Equal(("string", true), (label.Type, label.Nullable));
        Assert.Equal(["home", "work"], label.Examples.Select(e => e?.GetValue<string>()));

        var altitude = point.Properties["altitude"];
        Assert.Equal((-500m, 9000m), (altitude.ExclusiveMinimum, altitude.ExclusiveMaximum));

        Assert.Equal(["string", "integer"], point.Properties["id"].AnyOf.Select(s => s.Type));
        Assert.Equal("Point", point.Properties["next"].RefName);
    }
}
