namespace LoadTest.Runtime.Configuration;

/// <summary>
/// Looks settings up in order (environment variable, then assembly metadata or a build-time default), parses them
/// with their <see cref="SettingRule{T}"/> and collects every error and warning, so all of them are reported at once.
/// </summary>
public sealed class SettingsReader(
    Func<string, string?> environment,
    Func<string, string?>? metadata = null,
    IReadOnlyDictionary<string, string>? buildDefaults = null)
{
    private readonly List<SettingProblem> _errors = [];
    private readonly List<SettingProblem> _warnings = [];

    public IReadOnlyList<SettingProblem> Errors => _errors;

    public IReadOnlyList<SettingProblem> Warnings => _warnings;

    /// <summary>The environment's value of <paramref name="variable"/>, trimmed; null when unset or blank.</summary>
    public string? Environment(string variable) => NonBlank(environment(variable));

    /// <summary>
    /// The setting's text from the environment, else the assembly metadata <paramref name="metadataKey"/>, else the
    /// build-time default <paramref name="buildKey"/>; null when none is set.
    /// </summary>
    public SettingText? Find(string variable, string? metadataKey = null, string? buildKey = null)
    {
        if (Environment(variable) is { } fromEnvironment) return new SettingText(variable, fromEnvironment, variable);
        if (metadataKey is not null && metadata is not null && NonBlank(metadata(metadataKey)) is { } fromMetadata)
        {
            return LoadTestMetadata.PropertyOf(metadataKey) is { } property
                ? new SettingText(metadataKey, fromMetadata, property, $"MSBuild property, assembly metadata {metadataKey}")
                : new SettingText(metadataKey, fromMetadata, $"assembly metadata {metadataKey}");
        }
        if (buildKey is not null && buildDefaults is not null && buildDefaults.TryGetValue(buildKey, out var value) && NonBlank(value) is { } fromBuild)
        {
            return new SettingText(buildKey, fromBuild, BuildProperty(buildKey), "build-time default baked into the generated code");
        }
        return null;
    }

    /// <summary>A setting that only the build sets (assembly metadata, no environment variable); null when unset.</summary>
    public SettingText? FindMetadata(string metadataKey) =>
        metadata is not null && NonBlank(metadata(metadataKey)) is { } value
            ? new SettingText(metadataKey, value, LoadTestMetadata.PropertyOf(metadataKey) ?? metadataKey, $"assembly metadata {metadataKey}")
            : null;

    /// <summary>Parses <paramref name="text"/>; on a refused value records the error and returns <paramref name="fallback"/>.</summary>
    public T Read<T>(SettingRule<T> rule, SettingText? text, T fallback)
    {
        if (text is not { } setting) return fallback;
        if (rule.Parse(setting.Text, out var value)) return value;
        _errors.Add(rule.Problem(setting));
        return fallback;
    }

    /// <summary>Parses an optional setting: null when unset or refused (the refusal is recorded).</summary>
    public T? ReadOptional<T>(SettingRule<T> rule, SettingText? text) where T : struct
    {
        if (text is not { } setting) return null;
        if (rule.Parse(setting.Text, out var value)) return value;
        _errors.Add(rule.Problem(setting));
        return null;
    }

    /// <summary>Parses an optional text setting (a path): null when unset or refused (the refusal is recorded).</summary>
    public string? ReadOptional(SettingRule<string> rule, SettingText? text)
    {
        if (text is not { } setting) return null;
        if (rule.Parse(setting.Text, out var value)) return value;
        _errors.Add(rule.Problem(setting));
        return null;
    }

    public void Error(string code, string setting, string message) => _errors.Add(new SettingProblem(code, setting, message));

    public void Warning(string code, string setting, string message) => _warnings.Add(new SettingProblem(code, setting, message));

    /// <summary>Throws every error found so far as one <see cref="Execution.LoadTestConfigurationException"/>.</summary>
    public void ThrowIfErrors()
    {
        if (_errors.Count > 0) throw SettingProblem.ToException(_errors);
    }

    /// <summary>The MSBuild property behind a build-time profile default (the generated code's BuildOverrides keys).</summary>
    public static string BuildProperty(string key) => key switch
    {
        "vus" => "LoadTestVus",
        "duration" => "LoadTestDuration",
        "rate" => "LoadTestRate",
        "timeScale" => "LoadTestTimeScale",
        _ => $"build default '{key}'",
    };

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
