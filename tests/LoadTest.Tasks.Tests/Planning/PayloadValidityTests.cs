using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>
/// 1,000 generated values per operation (bodies, path and query parameters) validate against their schemas with
/// JsonSchema.Net (formats checked), for the hand-built shop, the sample shop's openapi.yaml and every shared spec.
/// </summary>
public sealed class PayloadValidityTests
{
    private const int Samples = 1000;

    private static readonly EvaluationOptions Fast = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Checks every operation of <paramref name="model"/>; returns the number of values validated.</summary>
    private static int ValidateAll(string name, ApiModel model)
    {
        var diagnostics = new List<SourceDiagnostic>();
        var payloads = new PayloadPlanner(model, diagnostics);
        var steps = new StepBuilder(model, payloads, diagnostics);
        var failures = new List<string>();
        var validated = 0;
        foreach (var operation in model.Operations)
        {
            var step = steps.Build(operation, "step", AuthPlan.None);
            var targets = new List<(string What, ValueRule Rule, SchemaModel Schema)>();
            var content = operation.RequestBody?.Content.FirstOrDefault(c => c.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase));
            if (step.Body is { IsForm: false } body && content is not null)
            {
                targets.Add(("body", body.Value, content.Schema));
            }

            foreach (var part in step.Path.Where(p => p.Parameter is not null))
            {
                var parameter = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == part.Parameter);
                if (parameter is not null)
                {
                    targets.Add(("path " + parameter.Name, part.Value!, parameter.Schema));
                }
            }

            foreach (var query in step.Query)
            {
                var parameter = operation.Parameters.First(p => p.In == ParameterLocation.Query && p.Name == query.Name);
                targets.Add(("query " + query.Name, query.Value, parameter.Schema));
            }

            foreach (var (what, rule, schemaModel) in targets)
            {
                var document = JsonSchemaConverter.Document(schemaModel, model).ToJsonString();
                var schema = JsonSchema.FromText(document, new BuildOptions(), new Uri($"https://loadtest.invalid/{Guid.NewGuid():N}"));
                var random = new Random(7);
                for (var i = 0; i < Samples; i++)
                {
                    var value = RuleEvaluator.ToJson(rule, random);
                    using var json = JsonDocument.Parse(value?.ToJsonString() ?? "null");
                    validated++;
                    if (!schema.Evaluate(json.RootElement, Fast).IsValid)
                    {
                        var details = schema.Evaluate(json.RootElement, Detailed);
                        var errors = (details.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
                        failures.Add($"{name} {operation.DisplayName} {what}: {value?.ToJsonString()} -> {string.Join("; ", errors.Take(3))}");
                        break;
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(15)));
        return validated;
    }

    [Fact]
    public void Hand_built_shop_values_satisfy_their_schemas()
    {
        Assert.True(ValidateAll("shop", GenerationFixtures.Shop()) >= 4 * Samples);
    }

    [Fact]
    public void Sample_shop_values_satisfy_their_schemas()
    {
        Assert.True(ValidateAll("sample", GenerationFixtures.SampleShop()) >= 4 * Samples);
    }

    [Fact]
    public void Shared_spec_values_satisfy_their_schemas()
    {
        var total = 0;
        var specs = 0;
        foreach (var (name, model) in GenerationFixtures.SharedModels())
        {
            specs++;
            total += ValidateAll(name, model);
        }

        Assert.True(specs >= 10, $"only {specs} specs");
        Assert.True(total >= 20 * Samples, $"only {total} values validated");
    }

    [Fact]
    public void The_validator_rejects_a_value_that_breaks_the_schema()
    {
        // Guards the test itself: a wrong value must fail validation.
        var model = GenerationFixtures.Shop();
        var schema = JsonSchema.FromText(JsonSchemaConverter.Document(SchemaModel.Ref("CartAddRequest"), model).ToJsonString(), new BuildOptions(), new Uri("https://loadtest.invalid/guard"));
        using var bad = JsonDocument.Parse("""{"productId":"prod_0","quantity":11,"variant":"XXL"}""");
        using var good = JsonDocument.Parse("""{"productId":"prod_7","quantity":1,"variant":"M"}""");

        Assert.False(schema.Evaluate(bad.RootElement, Fast).IsValid);
        Assert.True(schema.Evaluate(good.RootElement, Fast).IsValid);
    }
}
