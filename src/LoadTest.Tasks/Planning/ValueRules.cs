using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Planning;

/// <summary>
/// How one value of a request is produced each iteration. The k6 and C# emitters both render these rules, each into
/// calls of its own helper of the same name (JS <c>lt.zipf(1, 500)</c>, C# <c>Payload.Zipf(vu.Random, 1, 500)</c>).
/// </summary>
public abstract record ValueRule;

/// <summary>A fixed JSON value (const, single enum member, null).</summary>
public sealed record ConstRule(JsonNode? Value) : ValueRule;

public enum IntegerDistribution
{
    /// <summary>Every value in the range equally likely.</summary>
    Uniform,
    /// <summary>Mostly the minimum, rarely more (quantities, counts, pages).</summary>
    Small,
    /// <summary>A few hot values, a long tail (ids of products, users).</summary>
    Zipf,
}

/// <summary>An integer <c>k·Step</c> with k in [Min, Max] drawn from <see cref="Distribution"/>.</summary>
public sealed record IntegerRule(long Min, long Max, IntegerDistribution Distribution) : ValueRule
{
    public long Step { get; init; } = 1;
}

/// <summary>A number <c>k·Step</c> with k uniform in [LowK, HighK], rounded to <see cref="Decimals"/>.</summary>
public sealed record DecimalRule(long LowK, long HighK, double Step, int Decimals) : ValueRule;

public sealed record BoolRule : ValueRule;

/// <summary>One of a list of JSON values (enum members, examples, defaults).</summary>
public sealed record PickRule(IReadOnlyList<JsonNode?> Values) : ValueRule;

/// <summary>
/// A string from a named helper (email, uuid, firstName, date…) with optional fixed arguments, cut or padded to the
/// length limits when the schema has any.
/// </summary>
public sealed record StringRule(string Helper) : ValueRule
{
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
}

/// <summary>Lorem text with a length in [MinLength, MaxLength].</summary>
public sealed record TextRule(int MinLength, int MaxLength) : ValueRule;

/// <summary>A string matching <see cref="Regex"/>; <see cref="ProgramJson"/> is the compiled generator the JS helper runs.</summary>
public sealed record PatternRule(string Regex, string ProgramJson) : ValueRule;

/// <summary>An identifier <c>Prefix + zipf(Min, Max)</c>, e.g. <c>prod_17</c>.</summary>
public sealed record IdRule(string Prefix, long Min, long Max) : ValueRule
{
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
}

public sealed record MemberRule(string Name, ValueRule Value, double Probability)
{
    public bool Required => Probability >= 1;
}

public sealed record ObjectRule(IReadOnlyList<MemberRule> Members) : ValueRule;

public sealed record ArrayRule(ValueRule Item, long Min, long Max, bool Unique) : ValueRule;

public sealed record OneOfRule(IReadOnlyList<ValueRule> Alternatives) : ValueRule;

/// <summary>A value taken from an earlier step's response (<see cref="Variable"/>), else <see cref="Fallback"/>.</summary>
public sealed record CaptureRule(string Variable, string? Type, ValueRule Fallback) : ValueRule;

/// <summary>A field of the current data-pool row, else <see cref="Fallback"/>.</summary>
public sealed record DataRule(string Field, string? Type, ValueRule Fallback) : ValueRule;

/// <summary>An environment variable read at run time (credentials): its value is never written into a generated file.</summary>
public sealed record EnvRule(string Variable, ValueRule Fallback) : ValueRule;
