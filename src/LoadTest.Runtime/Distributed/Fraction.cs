using System.Globalization;
using System.Numerics;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// An exact non-negative rational number, always reduced. Segment bounds must be exact: with doubles,
/// 1/3 + 1/3 + 1/3 would not be 1 and shares would stop adding up to the whole.
/// </summary>
public readonly record struct Fraction
{
    public static readonly Fraction Zero = new(0, 1);
    public static readonly Fraction One = new(1, 1);

    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("a fraction's denominator cannot be 0");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (gcd.IsZero) gcd = BigInteger.One;
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static Fraction operator +(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static bool operator <(Fraction a, Fraction b) => a.Numerator * b.Denominator < b.Numerator * a.Denominator;
    public static bool operator >(Fraction a, Fraction b) => b < a;
    public static bool operator <=(Fraction a, Fraction b) => !(b < a);
    public static bool operator >=(Fraction a, Fraction b) => !(a < b);

    /// <summary>Rounds half up, as k6 does when it scales by a segment's bounds (fractions here are never negative).</summary>
    public BigInteger RoundHalfUp() => BigInteger.Divide(2 * Numerator + Denominator, 2 * Denominator);

    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>
    /// Parses k6's notations: a fraction <c>1/3</c>, a decimal <c>0.25</c> or a percentage <c>25%</c>.
    /// Returns false for anything else (including negative values).
    /// </summary>
    public static bool TryParse(string text, out Fraction value)
    {
        value = Zero;
        var s = text.Trim();
        if (s.Length == 0) return false;
        if (s.EndsWith('%'))
        {
            if (!TryParse(s[..^1], out var percent) || s[..^1].Contains('/')) return false;
            value = percent * new Fraction(1, 100);
            return true;
        }
        var slash = s.IndexOf('/');
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(s[..slash].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ||
                !BigInteger.TryParse(s[(slash + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ||
                d.IsZero)
            {
                return false;
            }
            value = new Fraction(n, d);
            return true;
        }
        // Decimal: digits[.digits], read exactly as a fraction over a power of ten.
        var dot = s.IndexOf('.');
        var whole = dot < 0 ? s : s[..dot];
        var fractional = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length + fractional.Length == 0) return false;
        if (!(whole + fractional).All(char.IsAsciiDigit)) return false;
        var digits = BigInteger.Parse("0" + whole + fractional, CultureInfo.InvariantCulture);
        value = new Fraction(digits, BigInteger.Pow(10, fractional.Length));
        return true;
    }

    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
