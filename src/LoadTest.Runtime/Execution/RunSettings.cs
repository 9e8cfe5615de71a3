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

    /// <summary>Default of <see cref="MaxConnectionsPerHost"/>.</summary>
    public const int DefaultMaxConnectionsPerHost = 1000;

    /// <summary>
    /// At most this many requests in flight, so connections, per host for the whole run (default 1,000); 0 is
    /// unlimited, one connection per busy VU as in k6. Up to the cap nothing differs from k6; beyond it a request
    /// waits for a slot, counted in http_req_blocked (LT4062 in the log, LT4017 in the report). The cap bounds memory:
    /// each .NET HTTP/1.1 connection costs ~10 KB, and 10,000 VUs starting together would open 10,000.
    /// </summary>
    public int MaxConnectionsPerHost { get; init; } = DefaultMaxConnectionsPerHost;

    /// <summary>Accept any TLS server certificate (k6 <c>insecureSkipTLSVerify</c>), e.g. for a self-signed staging server.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>
    /// Stops the run early on request (a signal, the invoking process going away): graceful first, then at once.
    /// <see cref="LoadTestSession"/> connects it to SIGINT/SIGTERM; null: only the CancellationToken stops a run.
    /// </summary>
    public RunInterruption? Interruption { get; init; }

    /// <summary>Length of a time-series window.</summary>
    public TimeSpan WindowLength { get; init; } = TimeSpan.FromSeconds(1);
}
