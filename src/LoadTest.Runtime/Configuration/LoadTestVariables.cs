namespace LoadTest.Runtime.Configuration;

/// <summary>
/// Every environment variable and assembly metadata key the runtime reads. <see cref="LoadTestSettings"/> is the one
/// place that reads and validates them; a runsettings file's <c>RunConfiguration/EnvironmentVariables</c> reaches the
/// test host as environment variables, so it is read here too.
/// </summary>
public static class LoadTestVariables
{
    public const string BaseUrl = "BASE_URL";
    public const string Profile = "LOADTEST_PROFILE";
    public const string Vus = "LOADTEST_VUS";
    public const string Duration = "LOADTEST_DURATION";
    public const string Rate = "LOADTEST_RATE";
    public const string TimeScale = "LOADTEST_TIME_SCALE";
    public const string ResultsDirectory = "LOADTEST_RESULTS_DIR";
    public const string Seed = "LOADTEST_SEED";
    public const string Quiet = "LOADTEST_QUIET";
    public const string CapacityFile = "LOADTEST_CAPACITY_FILE";
    public const string Http2 = "LOADTEST_HTTP2";
    public const string MaxConnectionsPerHost = "LOADTEST_MAX_CONNECTIONS_PER_HOST";
    public const string InsecureSkipTlsVerify = "LOADTEST_INSECURE_SKIP_TLS_VERIFY";
    public const string Baseline = "LOADTEST_BASELINE";
    public const string UpdateBaseline = "LOADTEST_UPDATE_BASELINE";
    public const string AllowedHosts = "LOADTEST_ALLOWED_HOSTS";
    public const string Segment = "LOADTEST_SEGMENT";
    public const string SegmentSequence = "LOADTEST_SEGMENT_SEQUENCE";
    public const string ThinkTime = "LOADTEST_THINK_TIME";
    public const string DataFile = "LOADTEST_DATA_FILE";
    public const string Username = "LOADTEST_USERNAME";
    public const string Password = "LOADTEST_PASSWORD";
    public const string ApiKey = "LOADTEST_API_KEY";
    public const string Token = "TOKEN";

    /// <summary>Arazzo workflow inputs: <c>$inputs.x</c> is <c>LOADTEST_INPUT_X</c>.</summary>
    public const string InputPrefix = "LOADTEST_INPUT_";

    /// <summary>Credentials: their presence is recorded, their values never leave the environment.</summary>
    public static IReadOnlyList<string> Credentials { get; } = [Username, Password, ApiKey, Token];

    /// <summary>Every <c>LOADTEST_*</c> name the runtime or the generated code reads (prefixes end in '_').</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        Profile, Vus, Duration, Rate, TimeScale, ResultsDirectory, Seed, Quiet, CapacityFile, Http2, MaxConnectionsPerHost,
        InsecureSkipTlsVerify, Baseline, UpdateBaseline, AllowedHosts, Segment, SegmentSequence, ThinkTime, DataFile,
        Username, Password, ApiKey,
    ];

    /// <summary>Families of variables: <c>LOADTEST_ALLOWED_HOSTS_&lt;PROFILE&gt;</c> and Arazzo inputs.</summary>
    public static IReadOnlyList<string> KnownPrefixes { get; } = [AllowedHosts + "_", InputPrefix];
}

/// <summary>Assembly metadata keys the package's MSBuild targets bake into the test assembly (environment variables win).</summary>
public static class LoadTestMetadata
{
    public const string BaseUrl = "LoadTest.BaseUrl";
    public const string ResultsDirectory = "LoadTest.ResultsDirectory";
    public const string Seed = "LoadTest.Seed";
    public const string Http2 = "LoadTest.Http2";
    public const string CapacityFile = "LoadTest.CapacityFile";
    public const string ScriptsDirectory = "LoadTest.ScriptsDirectory";
    public const string TimeScale = "LoadTest.TimeScale";

    /// <summary>The MSBuild property behind a metadata key (null when it is set another way), for messages.</summary>
    public static string? PropertyOf(string key) => key switch
    {
        BaseUrl => "LoadTestBaseUrl",
        ResultsDirectory => "LoadTestResultsDir",
        Seed => "LoadTestSeed",
        CapacityFile => "LoadTestCapacityFile",
        ScriptsDirectory => "LoadTestScriptsDir",
        TimeScale => "LoadTestTimeScale",
        _ => null,
    };
}
