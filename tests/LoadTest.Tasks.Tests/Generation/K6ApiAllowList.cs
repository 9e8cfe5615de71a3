namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// The k6 JavaScript API the generated scripts may use, written from the k6 reference docs (modules k6, k6/http,
/// k6/metrics, k6/data, k6/crypto, k6/encoding, k6/execution as of v0.46) — anything else is a bug in a template.
/// </summary>
internal static class K6ApiAllowList
{
    /// <summary>Named exports per module.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NamedExports = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["k6"] = new HashSet<string> { "check", "sleep", "group", "fail", "randomSeed" },
        ["k6/http"] = new HashSet<string> { "request", "get", "post", "put", "patch", "del", "head", "options", "batch", "file", "cookieJar", "setResponseCallback", "expectedStatuses", "asyncRequest", "CookieJar" },
        ["k6/metrics"] = new HashSet<string> { "Counter", "Gauge", "Rate", "Trend" },
        ["k6/data"] = new HashSet<string> { "SharedArray" },
        ["k6/crypto"] = new HashSet<string> { "createHash", "createHMAC", "hmac", "md4", "md5", "randomBytes", "ripemd160", "sha1", "sha256", "sha384", "sha512", "sha512_224", "sha512_256" },
        ["k6/encoding"] = new HashSet<string> { "b64encode", "b64decode" },
        ["k6/execution"] = new HashSet<string> { "vu", "scenario", "instance", "test" },
    };

    /// <summary>Members of a module's default export (the same functions as its named exports).</summary>
    public static IReadOnlySet<string> DefaultMembers(string module) =>
        NamedExports.TryGetValue(module, out var members) ? members : new HashSet<string>();

    /// <summary>Members of an http Response.</summary>
    public static readonly IReadOnlySet<string> ResponseMembers = new HashSet<string>
    {
        "body", "cookies", "error", "error_code", "headers", "json", "html", "ocsp_response", "proto", "remote_ip", "remote_port",
        "request", "status", "status_text", "timings", "tls_cipher_suite", "tls_version", "url", "clickLink", "submitForm",
    };

    /// <summary>Members of Response.timings.</summary>
    public static readonly IReadOnlySet<string> TimingMembers = new HashSet<string>
    {
        "blocked", "connecting", "tls_handshaking", "sending", "waiting", "receiving", "duration",
    };

    /// <summary>Methods of custom metric objects.</summary>
    public static readonly IReadOnlySet<string> MetricMembers = new HashSet<string> { "add", "name" };

    /// <summary>Globals k6 provides besides the ECMAScript built-ins.</summary>
    public static readonly IReadOnlySet<string> Globals = new HashSet<string> { "__ENV", "__VU", "__ITER", "open", "console", "require" };
}
