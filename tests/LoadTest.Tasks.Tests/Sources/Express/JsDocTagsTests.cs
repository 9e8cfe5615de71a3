using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources.Express.Schemas;

namespace LoadTest.Tasks.Tests.Sources.Express;

public sealed class JsDocTagsTests
{
    [Fact]
    public void Every_constraint_tag_lands_on_the_schema()
    {
        var docs = JsDocTags.Parse("""
            /**
             * Price of one unit.
             * @exclusiveMinimum 0 @exclusiveMaximum 1000
             * @multipleOf 0.01
             * @default 9.99
             * @example 19.5
             */
            """);
        var schema = docs.ApplyTo(SchemaModel.Of("number"));
        Assert.Equal("Price of one unit.", schema.Description);
        Assert.Equal((0m, 1000m, 0.01m), (schema.ExclusiveMinimum, schema.ExclusiveMaximum, schema.MultipleOf));
        Assert.Equal(9.99m, schema.Default!.GetValue<decimal>());
        Assert.Equal(19.5m, schema.Examples.Single()!.GetValue<decimal>());
    }

    [Fact]
    public void String_tags_keep_patterns_with_at_signs_and_type_examples_as_strings()
    {
        var docs = JsDocTags.Parse("/** @format email @minLength 3 @maxLength 254 @pattern ^[^@ ]+@[^@ ]+$ @example 42 */");
        var schema = docs.ApplyTo(SchemaModel.Of("string"));
        Assert.Equal(("email", 3, 254), (schema.Format, schema.MinLength, schema.MaxLength));
        Assert.Equal("^[^@ ]+@[^@ ]+$", schema.Pattern);
        Assert.Equal("42", schema.Examples.Single()!.GetValue<string>());
    }

    [Fact]
    public void Integer_type_tag_and_array_tags()
    {
        Assert.Equal("integer", JsDocTags.Parse("/** @type integer @minimum 1 */").ApplyTo(SchemaModel.Of("number")).Type);
        var array = JsDocTags.Parse("/** @minItems 1 @maxItems 3 @uniqueItems */").ApplyTo(SchemaModel.Of("array"));
        Assert.Equal((1, 3, true), (array.MinItems, array.MaxItems, array.UniqueItems));
        Assert.Same(JsDocTags.Empty, JsDocTags.Parse(null));
    }
}
