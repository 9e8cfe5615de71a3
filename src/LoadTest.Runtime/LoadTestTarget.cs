using System.Reflection;
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

    public static async Task<LoadTestTarget> ResolveAsync(Assembly assembly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var fromEnvironment = Environment.GetEnvironmentVariable(BaseUrlVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new LoadTestTarget(Parse(fromEnvironment, $"the {BaseUrlVariable} environment variable"), $"{BaseUrlVariable} environment variable", null);
        }
        var fromMetadata = Metadata(assembly, BaseUrlMetadata);
        if (!string.IsNullOrWhiteSpace(fromMetadata))
        {
            return new LoadTestTarget(Parse(fromMetadata, $"the {BaseUrlMetadata} assembly metadata (MSBuild property LoadTestBaseUrl)"),
                "LoadTestBaseUrl MSBuild property", null);
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
            "[assembly: LoadTestTargetProvider(typeof(YourProvider))].");
    }

    internal static string? Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    private static Uri Parse(string text, string origin)
    {
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        throw new LoadTestConfigurationException("LT4051",
            $"'{text}' from {origin} is not an absolute http(s) URL; use e.g. http://localhost:5000.");
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
