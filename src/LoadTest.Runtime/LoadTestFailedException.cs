using LoadTest.Runtime.Results;

namespace LoadTest.Runtime;

/// <summary>Thrown by <see cref="LoadAssert"/>: the message names each failed threshold with its measured value.</summary>
public sealed class LoadTestFailedException(string message, RunResult result) : Exception(message)
{
    public RunResult Result { get; } = result;

    /// <summary>None: the message is the whole verdict, and a stack trace into LoadAssert would only hide it.</summary>
    public override string? StackTrace => null;
}
