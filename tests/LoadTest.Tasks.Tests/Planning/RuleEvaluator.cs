using System.Text.Json.Nodes;
using LoadTest.Runtime.Payloads;
using LoadTest.Tasks.Planning;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>
/// Produces values from value rules with the runtime's <see cref="Payload"/> helpers, call for call as the generated C#
/// does (captured, data-pool and environment values take their fallbacks, as on a first iteration with nothing set).
/// </summary>
internal static class RuleEvaluator
{
    public static object? Evaluate(ValueRule rule, Random random) => rule switch
    {
        ConstRule c => c.Value?.DeepClone(),
        IntegerRule i => Integer(i, random) * i.Step,
        DecimalRule d => Payload.Decimal(random, d.LowK, d.HighK, d.Step, d.Decimals),
        BoolRule => Payload.Bool(random),
        PickRule p => Payload.PickJson(random, new JsonArray([.. p.Values.Select(v => v?.DeepClone())]).ToJsonString()),
        StringRule s => Fit(PayloadPlannerAccess.Sample(s, random), s.MinLength, s.MaxLength),
        TextRule t => Payload.Text(random, t.MinLength, t.MaxLength),
        PatternRule p => Payload.Pattern(random, p.Regex),
        IdRule id => Fit(Payload.Id(random, id.Prefix, id.Min, id.Max), id.MinLength, id.MaxLength),
        ObjectRule o => Payload.Object([.. o.Members.Where(m => m.Probability > 0).Select(m => (m.Name, m.Required ? Evaluate(m.Value, random) : Payload.Maybe(random, m.Probability, () => Evaluate(m.Value, random))))]),
        ArrayRule a => Payload.Array(random, a.Min, a.Max, () => Evaluate(a.Item, random), a.Unique),
        OneOfRule o => Payload.OneOf(random, [.. o.Alternatives.Select(alt => (Func<object?>)(() => Evaluate(alt, random)))]),
        CaptureRule c => Evaluate(c.Fallback, random),
        DataRule d => Evaluate(d.Fallback, random),
        EnvRule e => Evaluate(e.Fallback, random),
        _ => throw new InvalidOperationException(rule.GetType().Name),
    };

    private static long Integer(IntegerRule rule, Random random) => rule.Distribution switch
    {
        IntegerDistribution.Small => Payload.Small(random, rule.Min, rule.Max),
        IntegerDistribution.Zipf => Payload.Zipf(random, rule.Min, rule.Max),
        _ => Payload.Integer(random, rule.Min, rule.Max),
    };

    private static string Fit(string value, int? min, int? max) =>
        min is null && max is null ? value : Payload.Fit(value, min ?? 0, max ?? int.MaxValue);

    public static JsonNode? ToJson(ValueRule rule, Random random) => Payload.ToNode(Evaluate(rule, random));

    private static class PayloadPlannerAccess
    {
        public static string Sample(StringRule rule, Random random) =>
            PayloadPlanner.StringSample(rule with { MinLength = null, MaxLength = null }, random)
            ?? throw new InvalidOperationException($"no Payload helper named {rule.Helper}");
    }
}
