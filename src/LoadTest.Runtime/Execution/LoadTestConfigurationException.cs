namespace LoadTest.Runtime.Execution;

/// <summary>
/// A plan or environment the engine cannot run (invalid threshold, executor parameters, target). The message starts
/// with a stable <c>LT40xx</c> code and says what is wrong and what to do; see docs/diagnostics/runtime.md.
/// </summary>
public sealed class LoadTestConfigurationException(string code, string message)
    : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    /// <summary>None: bad input gets its LT code and what to do, never a stack trace (test runners print this one).</summary>
    public override string? StackTrace => null;
}
