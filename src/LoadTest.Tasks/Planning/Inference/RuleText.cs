using System.Globalization;

namespace LoadTest.Tasks.Planning.Inference;

/// <summary>A value rule in words, for the build log and flows.md (what is sent when no producer feeds an input).</summary>
internal static class RuleText
{
    public static string Describe(ValueRule rule) => rule switch
    {
        ConstRule c => c.Value is null ? "null" : $"the constant {Short(c.Value.ToJsonString())}",
        IntegerRule i => $"a random integer {i.Min * i.Step}–{i.Max * i.Step}",
        DecimalRule => "a random number",
        BoolRule => "a random boolean",
        PickRule p => $"one of {Short(string.Join(", ", p.Values.Select(v => v?.ToJsonString() ?? "null")))}",
        StringRule s => $"a generated {s.Helper}",
        TextRule => "random text",
        PatternRule p => $"a string matching {Short(p.Regex)}",
        IdRule id => string.Create(CultureInfo.InvariantCulture, $"a made-up id {id.Prefix}{id.Min}…{id.Prefix}{id.Max}"),
        ObjectRule => "a generated object",
        ArrayRule => "a generated array",
        OneOfRule o => o.Alternatives.Count > 0 ? Describe(o.Alternatives[^1]) : "a generated value",
        CaptureRule c => Describe(c.Fallback),
        DataRule d => $"the data column {d.Field}, else {Describe(d.Fallback)}",
        EnvRule e => $"the {e.Variable} environment variable",
        _ => "a generated value",
    };

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
