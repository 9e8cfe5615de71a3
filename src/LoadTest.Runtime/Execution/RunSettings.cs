namespace LoadTest.Runtime.Execution;

/// <summary>How to run a plan: where, where results go, seed and console output.</summary>
public sealed record RunSettings
{
    /// <summary>Base for relative request URLs.</summary>
    public Uri? BaseUrl { get; init; }

    /// <summary>Parent folder of the run's results folder (<c>&lt;ResultsDirectory&gt;/&lt;plan name&gt;/</c>).</summary>
    public string ResultsDirectory { get; init; } = "loadtest-results";

    /// <summary>Seeds each VU's <see cref="VirtualUser.Random"/> (with the VU id) so runs are reproducible.</summary>
    public int Seed { get; init; }

    /// <summary>No progress lines.</summary>
    public bool Quiet { get; init; }

    /// <summary>Receives a progress line per interval; default: the console (unless <see cref="Quiet"/>).</summary>
    public Action<string>? Progress { get; init; }

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Use HTTP/2 (h2c for http://, ALPN for https://). Default HTTP/1.1 like k6's default transport.</summary>
    public bool Http2 { get; init; }

    /// <summary>
    /// At most this many connections per host for the whole run; 0 (default) is unlimited: every VU with a request in
    /// flight has a connection, as in k6. A cap saves memory with thousands of VUs; a request waiting for a free
    /// connection counts that wait in http_req_waiting, so latency still includes it.
    /// </summary>
    public int MaxConnectionsPerHost { get; init; }

    /// <summary>Accept any TLS server certificate (k6 <c>insecureSkipTLSVerify</c>), e.g. for a self-signed staging server.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Length of a time-series window.</summary>
    public TimeSpan WindowLength { get; init; } = TimeSpan.FromSeconds(1);
}
