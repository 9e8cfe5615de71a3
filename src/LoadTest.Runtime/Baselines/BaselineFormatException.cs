namespace LoadTest.Runtime.Baselines;

/// <summary>LT4071: a summary or baseline file is not k6 summary JSON. The message names the file and what to do.</summary>
public sealed class BaselineFormatException(string source, string problem)
    : Exception($"LT4071: {source} {problem}; regenerate it with LOADTEST_UPDATE_BASELINE=1 dotnet test --filter Category=Load.")
{
    public const string Code = "LT4071";
    public string FilePath { get; } = source;
}
