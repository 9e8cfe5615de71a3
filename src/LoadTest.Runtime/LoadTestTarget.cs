using System.Reflection;
using LoadTest.Runtime.Configuration;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime;

/// <summary>
/// The system under test for a session: from BASE_URL, else the LoadTest.BaseUrl assembly metadata (MSBuild
/// property LoadTestBaseUrl), else a <see cref="LoadTestTargetProviderAttribute"/> provider, which it owns.
/// </summary>
public sealed class LoadTestTarget : IAsyncDisposable
{
    public const string BaseUrlVariable = "BASE_URL";
    public const string BaseUrlMetadata = "LoadTest.BaseUrl";

    private readonly ILoadTestTargetProvider? _provider;

    private LoadTestTarget(Uri baseUrl, string source, ILoadTestTargetProvider? provider)
    {
        BaseUrl = baseUrl;
        Source = source;
        _provider = provider;
    }

    public Uri BaseUrl { get; }

    /// <summary>Where the URL came from, for the log line.</summary>
    public string Source { get; }

    public static Task<LoadTestTarget> ResolveAsync(Assembly assembly, CancellationToken cancellationToken) =>
        ResolveAsync(assembly, LoadTestSettings.FromProcess(assembly), cancellationToken);

    /// <summary>
    /// The target from <paramref name="settings"/> (BASE_URL, else LoadTestBaseUrl, both validated there), else the
    /// assembly's target provider; LT4050 when there is none: there is no default target.
    /// </summary>
    public static async Task<LoadTestTarget> ResolveAsync(Assembly assembly, LoadTestSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BaseUrl is { } configured)
        {
            return new LoadTestTarget(configured, settings.BaseUrlOrigin ?? BaseUrlVariable, null);
        }
        var attribute = assembly.GetCustomAttribute<LoadTestTargetProviderAttribute>();
        if (attribute is not null)
        {
            var provider = CreateProvider(attribute.ProviderType);
            try
            {
                var url = await provider.StartAsync(cancellationToken).ConfigureAwait(false);
                if (!url.IsAbsoluteUri) throw new LoadTestConfigurationException("LT4052", $"target provider {attribute.ProviderType.FullName} returned the relative URL '{url}'; return an absolute http(s) URL.");
                return new LoadTestTarget(url, $"provider {attribute.ProviderType.Name}", provider);
            }
            catch (Exception exception) when (exception is not LoadTestConfigurationException and not OperationCanceledException)
            {
                await provider.DisposeAsync().ConfigureAwait(false);
                throw new LoadTestConfigurationException("LT4052",
                    $"target provider {attribute.ProviderType.FullName} failed to start: {exception.GetType().Name}: {exception.Message}");
            }
        }
        throw new LoadTestConfigurationException("LT4050",
            $"no target for the load test in {assembly.GetName().Name}: set the {BaseUrlVariable} environment variable " +
            $"(e.g. {BaseUrlVariable}=http://localhost:5000), or the LoadTestBaseUrl MSBuild property, or add " +
            "[assembly: LoadTestTargetProvider(typeof(YourProvider))], or set BASE_URL in a runsettings file's RunConfiguration/EnvironmentVariables. " +
            "There is no default target.");
    }

    private static ILoadTestTargetProvider CreateProvider(Type type)
    {
        if (!typeof(ILoadTestTargetProvider).IsAssignableFrom(type))
        {
            throw new LoadTestConfigurationException("LT4052", $"{type.FullName} named by [assembly: LoadTestTargetProvider] does not implement ILoadTestTargetProvider.");
        }
        try
        {
            return (ILoadTestTargetProvider)Activator.CreateInstance(type)!;
        }
        catch (Exception exception) when (exception is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            throw new LoadTestConfigurationException("LT4052",
                $"cannot create target provider {type.FullName}: it needs a public parameterless constructor ({exception.InnerException?.Message ?? exception.Message}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync().ConfigureAwait(false);
    }
}
