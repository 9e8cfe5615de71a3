namespace LoadTest.Runtime.Thresholds;

/// <summary>One k6 threshold: an expression such as <c>p(95)&lt;800</c> with its abort options.</summary>
public sealed record ThresholdSpec(string Expression)
{
    public bool AbortOnFail { get; init; }
    public TimeSpan DelayAbortEval { get; init; } = TimeSpan.Zero;

    public static implicit operator ThresholdSpec(string expression) => new(expression);
}
