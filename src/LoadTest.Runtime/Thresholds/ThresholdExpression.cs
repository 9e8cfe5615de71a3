using System.Globalization;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Thresholds;

/// <summary>k6 threshold aggregation methods.</summary>
public enum ThresholdAggregation
{
    Avg,
    Min,
    Max,
    Med,
    Percentile,
    Count,
    Rate,
    Value,
}

/// <summary>k6 threshold operators (<c>==</c> and <c>===</c> mean the same for numbers).</summary>
public enum ThresholdOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    StrictEqual,
    NotEqual,
}

/// <summary>
/// A parsed k6 threshold expression, <c>aggregation operator number</c>, e.g. <c>p(99.9) &lt; 800</c> or
/// <c>rate&lt;0.01</c>. Grammar as in k6: aggregation avg|min|max|med|count|rate|value|p(N) with 0 ≤ N ≤ 100;
/// operator &lt; &lt;= &gt; &gt;= == === !=; a decimal number. Spaces around the parts are allowed.
/// </summary>
public sealed record ThresholdExpression(
    string Source,
    ThresholdAggregation Aggregation,
    double? Percentile,
    ThresholdOperator Operator,
    double Value)
{
    // Longest first, so "<=" is not read as "<" followed by "=...".
    private static readonly (string Token, ThresholdOperator Operator)[] Operators =
    [
        ("===", ThresholdOperator.StrictEqual),
        ("==", ThresholdOperator.Equal),
        ("!=", ThresholdOperator.NotEqual),
        ("<=", ThresholdOperator.LessOrEqual),
        (">=", ThresholdOperator.GreaterOrEqual),
        ("<", ThresholdOperator.Less),
        (">", ThresholdOperator.Greater),
    ];

    /// <summary>The aggregation as k6 prints it: <c>avg</c>, <c>p(95)</c>…</summary>
    public string AggregationName => Aggregation switch
    {
        ThresholdAggregation.Percentile => $"p({Percentile!.Value.ToString(CultureInfo.InvariantCulture)})",
        _ => Aggregation.ToString().ToLowerInvariant(),
    };

    public string OperatorToken => Operators.First(o => o.Operator == Operator).Token;

    /// <summary>Parses <paramref name="source"/> or throws <see cref="LoadTestConfigurationException"/> (LT4040/LT4041/LT4044).</summary>
    public static ThresholdExpression Parse(string source, string? metricKey = null)
    {
        if (TryParse(source, out var expression, out var code, out var problem)) return expression!;
        var where = metricKey is null ? "" : $" on '{metricKey}'";
        throw new LoadTestConfigurationException(code!,
            $"invalid threshold '{source}'{where}: {problem}. Write 'aggregation operator number', e.g. 'p(95)<800' or 'rate<0.01'.");
    }

    public static bool TryParse(string source, out ThresholdExpression? expression, out string? code, out string? problem)
    {
        expression = null;
        code = "LT4040";
        problem = null;
        var text = (source ?? "").Trim();
        if (text.Length == 0)
        {
            problem = "the expression is empty";
            return false;
        }

        var opIndex = -1;
        var opLength = 0;
        var op = ThresholdOperator.Less;
        for (var i = 0; i < text.Length && opIndex < 0; i++)
        {
            foreach (var (token, candidate) in Operators)
            {
                if (string.CompareOrdinal(text, i, token, 0, token.Length) == 0)
                {
                    opIndex = i;
                    opLength = token.Length;
                    op = candidate;
                    break;
                }
            }
        }
        if (opIndex < 0)
        {
            problem = "no comparison operator (one of < <= > >= == === !=)";
            return false;
        }

        var left = text[..opIndex].Trim();
        var right = text[(opIndex + opLength)..].Trim();
        if (left.Length == 0)
        {
            problem = "no aggregation method before the operator";
            return false;
        }
        if (right.Length == 0)
        {
            problem = "no number after the operator";
            return false;
        }
        if (right.IndexOfAny(['<', '>', '=', '!']) >= 0)
        {
            problem = $"more than one operator ('{right}' follows '{text.Substring(opIndex, opLength)}')";
            return false;
        }
        if (!double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem = $"'{right}' is not a number";
            return false;
        }

        double? percentile = null;
        ThresholdAggregation aggregation;
        switch (left)
        {
            case "avg": aggregation = ThresholdAggregation.Avg; break;
            case "min": aggregation = ThresholdAggregation.Min; break;
            case "max": aggregation = ThresholdAggregation.Max; break;
            case "med": aggregation = ThresholdAggregation.Med; break;
            case "count": aggregation = ThresholdAggregation.Count; break;
            case "rate": aggregation = ThresholdAggregation.Rate; break;
            case "value": aggregation = ThresholdAggregation.Value; break;
            default:
                if (left.StartsWith("p(", StringComparison.Ordinal) && left.EndsWith(')'))
                {
                    var inner = left[2..^1].Trim();
                    if (!double.TryParse(inner, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p))
                    {
                        problem = $"percentile '{inner}' in '{left}' is not a number";
                        return false;
                    }
                    if (p < 0 || p > 100)
                    {
                        code = "LT4044";
                        problem = $"percentile {inner} is outside 0..100";
                        return false;
                    }
                    aggregation = ThresholdAggregation.Percentile;
                    percentile = p;
                    break;
                }
                code = "LT4041";
                problem = $"unknown aggregation method '{left}' (use avg, min, max, med, p(N), count, rate or value)";
                return false;
        }

        expression = new ThresholdExpression(text, aggregation, percentile, op, value);
        code = null;
        return true;
    }

    /// <summary>Checks that the aggregation exists for the metric type (k6: trend avg/min/max/med/p(N); rate rate; counter count/rate; gauge value).</summary>
    public string? IncompatibilityWith(MetricKind kind)
    {
        var ok = kind switch
        {
            MetricKind.Trend => Aggregation is ThresholdAggregation.Avg or ThresholdAggregation.Min or ThresholdAggregation.Max
                or ThresholdAggregation.Med or ThresholdAggregation.Percentile,
            MetricKind.Rate => Aggregation is ThresholdAggregation.Rate,
            MetricKind.Counter => Aggregation is ThresholdAggregation.Count or ThresholdAggregation.Rate,
            MetricKind.Gauge => Aggregation is ThresholdAggregation.Value,
            _ => false,
        };
        if (ok) return null;
        var allowed = kind switch
        {
            MetricKind.Trend => "avg, min, max, med, p(N)",
            MetricKind.Rate => "rate",
            MetricKind.Counter => "count, rate",
            _ => "value",
        };
        return $"'{AggregationName}' does not apply to a {kind.ToString().ToLowerInvariant()} metric (use {allowed})";
    }

    /// <summary>True when the observed value satisfies the threshold (k6 compares with float semantics).</summary>
    public bool IsSatisfiedBy(double observed) => Operator switch
    {
        ThresholdOperator.Less => observed < Value,
        ThresholdOperator.LessOrEqual => observed <= Value,
        ThresholdOperator.Greater => observed > Value,
        ThresholdOperator.GreaterOrEqual => observed >= Value,
        ThresholdOperator.Equal or ThresholdOperator.StrictEqual => observed == Value,
        _ => observed != Value,
    };
}
