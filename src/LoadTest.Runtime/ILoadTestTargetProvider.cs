namespace LoadTest.Runtime;

/// <summary>
/// Starts the system under test (e.g. an in-process server) and returns its base URL. Named by
/// <see cref="LoadTestTargetProviderAttribute"/>; the session disposes it after the run.
/// </summary>
public interface ILoadTestTargetProvider : IAsyncDisposable
{
    Task<Uri> StartAsync(CancellationToken cancellationToken);
}
