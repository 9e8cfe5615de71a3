using System.Text.Json.Nodes;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>The payload rules: realistic choices, constraints honoured, distributions that look like traffic, reproducible.</summary>
public sealed class PayloadRulesTests
{
    private static ValueRule Plan(SchemaModel schema, string? name = null, ApiModel? model = null, List<SourceDiagnostic>? diagnostics = null) =>
        new PayloadPlanner(model ?? new ApiModel("t", []), diagnostics ?? [], null).Plan(schema, name, new SourceLocation("t.yaml", 3, 1));

    private static List<JsonNode?> Sample(ValueRule rule, int count, int seed = 11)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => RuleEvaluator.ToJson(rule, random))];
    }

    private static ObjectRule CartRule() =>
        (ObjectRule)Plan(SchemaModel.Ref("CartAddRequest"), model: GenerationFixtures.Shop());

    [Fact]
    public void Quantities_are_mostly_small()
    {
        var quantity = CartRule().Members.Single(m => m.Name == "quantity").Value;
        var values = Sample(quantity, 5000).Select(v => v!.GetValue<long>()).ToList();

        Assert.All(values, v => Assert.InRange(v, 1, 10));
        var ones = values.Count(v => v == 1) / 5000.0;
        var atMostThree = values.Count(v => v <= 3) / 5000.0;
        Assert.InRange(ones, 0.45, 0.65);
        Assert.True(atMostThree > 0.85, $"only {atMostThree:P0} of quantities are 1-3");
        Assert.Contains(values, v => v >= 5);
    }

    [Fact]
    public void Product_ids_follow_the_example_shape_with_a_few_hot_products()
    {
        var productId = CartRule().Members.Single(m => m.Name == "productId").Value;
        var values = Sample(productId, 10000).Select(v => v!.GetValue<string>()).ToList();

        Assert.All(values, v => Assert.Matches("^prod_([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$", v));
        var byCount = values.GroupBy(v => v).OrderByDescending(g => g.Count()).ToList();
        var topTen = byCount.Take(10).Sum(g => g.Count()) / 10000.0;
        Assert.True(topTen > 0.2, $"the 10 hottest products get {topTen:P0} of picks; uniform would be 2%");
        Assert.True(byCount.Count > 150, $"only {byCount.Count} distinct products: the tail is missing");
        Assert.Equal("prod_1", byCount[0].Key);
    }

    [Fact]
    public void Every_enum_member_is_used()
    {
        var variant = CartRule().Members.Single(m => m.Name == "variant").Value;
        var values = Sample(variant, 400).Select(v => v!.GetValue<string>()).ToHashSet();

        Assert.Equal(new HashSet<string> { "S", "M", "L", "XL" }, values);
    }

    [Fact]
    public void Same_seed_same_values_other_seed_other_values()
    {
        var rule = Plan(SchemaModel.Ref("OrderCreateRequest"), model: GenerationFixtures.Shop());
        string Run(int seed) => string.Join("\n", Sample(rule, 50, seed).Select(v => v!.ToJsonString()));

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Names_guide_string_values()
    {
        var schema = new SchemaModel
        {
            Type = "object",
            Required = ["email", "firstName", "lastName", "city", "phone", "currency", "postalCode", "website"],
            Properties = new Dictionary<string, SchemaModel>
            {
                ["email"] = SchemaModel.Of("string"),
                ["firstName"] = SchemaModel.Of("string"),
                ["lastName"] = SchemaModel.Of("string"),
                ["city"] = SchemaModel.Of("string"),
                ["phone"] = SchemaModel.Of("string"),
                ["currency"] = SchemaModel.Of("string"),
                ["postalCode"] = SchemaModel.Of("string"),
                ["website"] = SchemaModel.Of("string"),
            },
        };
        var value = Sample(Plan(schema), 1)[0]!.AsObject();

        Assert.Matches("^[a-z]+\\.[a-z]+\\d+@example\\.com$", value["email"]!.GetValue<string>());
        Assert.Contains(value["firstName"]!.GetValue<string>(), PayloadVocabulary.ByName["firstNames"]);
        Assert.Contains(value["lastName"]!.GetValue<string>(), PayloadVocabulary.ByName["lastNames"]);
        Assert.Contains(value["city"]!.GetValue<string>(), PayloadVocabulary.ByName["cities"]);
        Assert.Matches("^\\+1555\\d{7}$", value["phone"]!.GetValue<string>());
        Assert.Contains(value["currency"]!.GetValue<string>(), PayloadVocabulary.ByName["currencies"]);
        Assert.Matches("^\\d{5}$", value["postalCode"]!.GetValue<string>());
        Assert.StartsWith("https://", value["website"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_hint_that_would_break_the_pattern_gives_way_to_it()
    {
        // "country" suggests names like "Portugal", but the schema wants two capitals: country codes fit, so they are used.
        var country = new SchemaModel { Type = "string", MinLength = 2, MaxLength = 2, Pattern = "^[A-Z]{2}$" };
        var rule = Plan(country, "country");

        Assert.Equal(new StringRule("countryCode") { MinLength = 2, MaxLength = 2 }, rule);
    }

    [Fact]
    public void Numeric_bounds_exclusive_bounds_and_multiples_hold()
    {
        var price = new SchemaModel { Type = "number", ExclusiveMinimum = 0, ExclusiveMaximum = 20, MultipleOf = 0.25m };
        var count = new SchemaModel { Type = "integer", ExclusiveMinimum = 3, Maximum = 30, MultipleOf = 3 };

        var prices = Sample(Plan(price, "price"), 2000).Select(v => (decimal)v!.GetValue<double>()).ToList();
        var counts = Sample(Plan(count, "seats"), 2000).Select(v => v!.GetValue<long>()).ToList();

        Assert.All(prices, p => Assert.True(p > 0 && p < 20 && p % 0.25m == 0, $"{p}"));
        Assert.All(counts, c => Assert.True(c > 3 && c <= 30 && c % 3 == 0, $"{c}"));
        Assert.Contains(prices, p => p != prices[0]);
    }

    [Fact]
    public void Read_only_members_are_left_out_of_requests_and_optional_ones_vary()
    {
        var schema = new SchemaModel
        {
            Type = "object",
            Required = ["name"],
            Properties = new Dictionary<string, SchemaModel>
            {
                ["id"] = new() { Type = "integer", ReadOnly = true },
                ["name"] = SchemaModel.Of("string"),
                ["nickname"] = SchemaModel.Of("string"),
            },
        };
        var values = Sample(Plan(schema), 200).Select(v => v!.AsObject()).ToList();

        Assert.All(values, v => Assert.False(v.ContainsKey("id")));
        Assert.All(values, v => Assert.True(v.ContainsKey("name")));
        Assert.Contains(values, v => v.ContainsKey("nickname"));
        Assert.Contains(values, v => !v.ContainsKey("nickname"));
    }

    [Fact]
    public void AllOf_merges_and_oneOf_sets_the_discriminator()
    {
        var model = new ApiModel("pets", [])
        {
            Schemas = new Dictionary<string, SchemaModel>
            {
                ["Base"] = new() { Type = "object", Required = ["name"], Properties = new Dictionary<string, SchemaModel> { ["name"] = SchemaModel.Of("string") } },
                ["Cat"] = new() { AllOf = [SchemaModel.Ref("Base"), new() { Type = "object", Required = ["kind", "lives"], Properties = new Dictionary<string, SchemaModel> { ["kind"] = SchemaModel.Of("string"), ["lives"] = new() { Type = "integer", Minimum = 1, Maximum = 9 } } }] },
                ["Dog"] = new() { AllOf = [SchemaModel.Ref("Base"), new() { Type = "object", Required = ["kind", "bark"], Properties = new Dictionary<string, SchemaModel> { ["kind"] = SchemaModel.Of("string"), ["bark"] = SchemaModel.Of("boolean") } }] },
            },
        };
        var pet = new SchemaModel { OneOf = [SchemaModel.Ref("Cat"), SchemaModel.Ref("Dog")], DiscriminatorProperty = "kind", DiscriminatorMapping = new Dictionary<string, string> { ["cat"] = "#/components/schemas/Cat" } };
        var values = Sample(Plan(pet, model: model), 300).Select(v => v!.AsObject()).ToList();

        Assert.All(values, v => Assert.True(v.ContainsKey("name")));
        Assert.Contains(values, v => v["kind"]!.GetValue<string>() == "cat" && v.ContainsKey("lives"));
        Assert.Contains(values, v => v["kind"]!.GetValue<string>() == "Dog" && v.ContainsKey("bark"));
        Assert.DoesNotContain(values, v => v["kind"]!.GetValue<string>() == "cat" && v.ContainsKey("bark"));
    }

    [Fact]
    public void Recursive_schemas_end()
    {
        var model = new ApiModel("tree", [])
        {
            Schemas = new Dictionary<string, SchemaModel>
            {
                ["Node"] = new() { Type = "object", Required = ["children"], Properties = new Dictionary<string, SchemaModel> { ["children"] = new() { Type = "array", Items = SchemaModel.Ref("Node") } } },
            },
        };
        var value = Sample(Plan(SchemaModel.Ref("Node"), model: model), 20);

        Assert.All(value, v => Assert.True(v!.ToJsonString().Length < 10_000));
    }

    [Fact]
    public void Valid_examples_are_used_and_invalid_ones_ignored()
    {
        var street = new SchemaModel { Type = "string", MaxLength = 40, Examples = [JsonValue.Create("221B Baker Street"), JsonValue.Create(new string('x', 50))] };
        var values = Sample(Plan(street, "street"), 400).Select(v => v!.GetValue<string>()).ToList();

        Assert.Contains("221B Baker Street", values);
        Assert.DoesNotContain(new string('x', 50), values);
        Assert.Contains(values, v => v != "221B Baker Street");
    }

    [Fact]
    public void Unsupported_pattern_warns_LT2001_and_falls_back()
    {
        var diagnostics = new List<SourceDiagnostic>();
        var rule = Plan(new SchemaModel { Type = "string", Pattern = "^(a)\\1$", MaxLength = 12 }, "code", diagnostics: diagnostics);

        var warning = Assert.Single(diagnostics);
        Assert.Equal("LT2001", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(3, warning.Location.Line);
        Assert.IsType<TextRule>(rule);
    }

    [Fact]
    public void Impossible_constraints_warn_LT2011()
    {
        var diagnostics = new List<SourceDiagnostic>();
        Plan(new SchemaModel { Type = "integer", Minimum = 10, Maximum = 5 }, "n", diagnostics: diagnostics);

        Assert.Contains(diagnostics, d => d.Code == "LT2011");
    }
}
