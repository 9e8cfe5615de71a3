using System.Numerics;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// The part <c>[From, To)</c> of the whole test that one instance runs, as k6's <c>--execution-segment</c>:
/// <c>1/3:2/3</c>, <c>0.5:1</c>, <c>25%:50%</c>, or a single value <c>1/3</c> meaning <c>0:1/3</c>.
/// </summary>
public sealed record ExecutionSegment
{
    public static readonly ExecutionSegment Full = new(Fraction.Zero, Fraction.One);

    public ExecutionSegment(Fraction from, Fraction to)
    {
        if (from < Fraction.Zero || to > Fraction.One || from >= to)
        {
            throw new LoadTestConfigurationException("LT4080",
                $"execution segment {from}:{to} is invalid: it needs 0 <= from < to <= 1. Write e.g. '1/3:2/3' or '0%:50%'.");
        }
        From = from;
        To = to;
    }

    public Fraction From { get; }
    public Fraction To { get; }
    public Fraction Length => To - From;
    public bool IsFull => From == Fraction.Zero && To == Fraction.One;

    /// <summary>Parses k6's segment notation; throws <see cref="LoadTestConfigurationException"/> LT4080 when it is not one.</summary>
    public static ExecutionSegment Parse(string text)
    {
        var parts = (text ?? "").Split(':');
        if (parts.Length is < 1 or > 2)
        {
            throw Invalid(text, "it has more than one ':'");
        }
        var from = Fraction.Zero;
        if (parts.Length == 2 && !Fraction.TryParse(parts[0], out from)) throw Invalid(text, $"'{parts[0]}' is not a fraction, decimal or percentage");
        if (!Fraction.TryParse(parts[^1], out var to)) throw Invalid(text, $"'{parts[^1]}' is not a fraction, decimal or percentage");
        return new ExecutionSegment(from, to);
    }

    private static LoadTestConfigurationException Invalid(string? text, string problem) =>
        new("LT4080", $"execution segment '{text}' is invalid: {problem}. Write e.g. '1/3:2/3', '0.5:1' or '25%:50%'.");

    /// <summary>
    /// k6's stand-alone scaling (no sequence known): round(value·to) − round(value·from), rounding half up.
    /// Adjacent segments telescope, so any full cover of [0,1] adds up exactly to <paramref name="value"/>.
    /// </summary>
    public long Scale(long value)
    {
        if (IsFull) return value;
        var v = new Fraction(value, 1);
        return (long)((v * To).RoundHalfUp() - (v * From).RoundHalfUp());
    }

    /// <summary>value × length, exact (k6 scales arrival rates this way, not by rounding).</summary>
    public Fraction ScaleExact(Fraction value) => value * Length;

    internal BigInteger NormalizedLength(BigInteger lcd) => Length.Numerator * (lcd / Length.Denominator);

    public override string ToString() => $"{From}:{To}";
}
