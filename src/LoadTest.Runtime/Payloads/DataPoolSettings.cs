using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Payloads;

/// <summary>Which data row a virtual user sends: its own (by VU id), the next one each iteration, or any.</summary>
public enum DataMode
{
    PerVu,
    Sequential,
    Random,
}

/// <summary>
/// The data pool of a run: the file and the row mode, from <c>LOADTEST_DATA_FILE</c> and <c>LOADTEST_DATA_MODE</c>
/// over what the build chose (LoadTestDataFile, LoadTestDataMode). The one place these variables are parsed.
/// </summary>
public sealed record DataPoolSettings(string Path, DataMode Mode)
{
    public const string FileVariable = "LOADTEST_DATA_FILE";
    public const string ModeVariable = "LOADTEST_DATA_MODE";

    /// <summary>The mode names, as LoadTestDataMode and LOADTEST_DATA_MODE spell them.</summary>
    public static IReadOnlyList<string> ModeNames { get; } = ["per-vu", "sequential", "random"];

    /// <exception cref="LoadTestConfigurationException">LT4102: LOADTEST_DATA_MODE is not a mode.</exception>
    public static DataPoolSettings FromEnvironment(Func<string, string?> environment, string buildPath, string buildMode)
    {
        var path = environment(FileVariable) is { Length: > 0 } file ? file.Trim() : buildPath;
        var modeText = environment(ModeVariable) is { Length: > 0 } mode ? mode.Trim() : buildMode;
        if (!TryParseMode(modeText, out var parsed))
        {
            throw new LoadTestConfigurationException("LT4102", $"{ModeVariable}='{modeText}' is not a data mode; use {string.Join(", ", ModeNames)}.");
        }

        return new DataPoolSettings(path, parsed);
    }

    public static bool TryParseMode(string? text, out DataMode mode)
    {
        var index = ModeNames.ToList().FindIndex(n => n.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase));
        mode = index < 0 ? DataMode.PerVu : (DataMode)index;
        return index >= 0;
    }
}
