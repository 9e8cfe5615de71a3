using LoadTest.Runtime.Configuration;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Profiles;

namespace LoadTest.Runtime.Tests.Configuration;

/// <summary>
/// Every LOADTEST_* variable with values the runtime must refuse: each fails fast with its LT code, naming the
/// variable, the value and what is accepted; never an unhandled exception, never a silent fallback.
/// </summary>
public class SettingsValidationTests
{
    /// <summary>(variable, bad value, code); extra variables set alongside where the case needs them.</summary>
    public static readonly TheoryData<string, string, string, string?> BadValues = new()
    {
        { "BASE_URL", "not a url", "LT4051", null },
        { "BASE_URL", "ftp://files.example.com", "LT4051", null },
        { "LOADTEST_PROFILE", "nope", "LT4110", null },
        { "LOADTEST_VUS", "abc", "LT4111", null },
        { "LOADTEST_VUS", "0", "LT4111", null },
        { "LOADTEST_VUS", "-5", "LT4111", null },
        { "LOADTEST_VUS", "1.5", "LT4111", null },
        { "LOADTEST_VUS", "99999999999", "LT4111", null },
        { "LOADTEST_DURATION", "-5s", "LT4112", null },
        { "LOADTEST_DURATION", "0s", "LT4112", null },
        { "LOADTEST_DURATION", "99999999999h", "LT4112", null },
        { "LOADTEST_DURATION", "1e308", "LT4112", null },
        { "LOADTEST_DURATION", "soon", "LT4112", null },
        { "LOADTEST_RATE", "abc", "LT4113", null },
        { "LOADTEST_RATE", "0", "LT4113", null },
        { "LOADTEST_RATE", "99999999999", "LT4113", null },
        { "LOADTEST_TIME_SCALE", "0", "LT4114", null },
        { "LOADTEST_TIME_SCALE", "Infinity", "LT4114", null },
        { "LOADTEST_TIME_SCALE", "1e308", "LT4114", null },
        { "LOADTEST_TIME_SCALE", "NaN", "LT4114", null },
        { "LOADTEST_TIME_SCALE", "-1", "LT4114", null },
        { "LOADTEST_THINK_TIME", "3-1", "LT4115", null },
        { "LOADTEST_THINK_TIME", "slow", "LT4115", null },
        { "LOADTEST_THINK_TIME", "99999", "LT4115", null },
        { "LOADTEST_QUIET", "maybe", "LT4116", null },
        { "LOADTEST_HTTP2", "2", "LT4116", null },
        { "LOADTEST_INSECURE_SKIP_TLS_VERIFY", "please", "LT4116", null },
        { "LOADTEST_UPDATE_BASELINE", "sure", "LT4116", null },
        { "LOADTEST_RESULTS_DIR", "results\u0007dir", "LT4117", null },
        { "LOADTEST_CAPACITY_FILE", "/nonexistent/capacity.json", "LT4117", null },
        { "LOADTEST_BASELINE", "baseline\u0001.json", "LT4117", null },
        { "LOADTEST_DATA_FILE", "/nonexistent/users.csv", "LT4117", null },
        { "LOADTEST_SEED", "forty-two", "LT4053", null },
        { "LOADTEST_SEED", "99999999999", "LT4053", null },
        { "LOADTEST_MAX_CONNECTIONS_PER_HOST", "-1", "LT4061", null },
        { "LOADTEST_MAX_CONNECTIONS_PER_HOST", "lots", "LT4061", null },
        { "LOADTEST_ALLOWED_HOSTS", "https://staging.example.com/api", "LT4118", null },
        { "LOADTEST_ALLOWED_HOSTS_SOAK", "staging.example.com:8080", "LT4118", null },
        { "LOADTEST_SEGMENT", "abc", "LT4080", null },
        { "LOADTEST_SEGMENT", "5", "LT4083", null },
        { "LOADTEST_SEGMENT", "1/3:2/3", "LT4083", "LOADTEST_SEGMENT_SEQUENCE=0,1/2,1" },
        { "LOADTEST_SEGMENT_SEQUENCE", "0,x,1", "LT4081", "LOADTEST_SEGMENT=0:1/2" },
    };

    private static Func<string, string?> Environment(string variable, string value, string? extra)
    {
        var values = new Dictionary<string, string> { [variable] = value };
        if (extra is not null) values[extra[..extra.IndexOf('=')]] = extra[(extra.IndexOf('=') + 1)..];
        return name => values.GetValueOrDefault(name);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_fails_fast_with_its_code_naming_the_variable_and_the_value(string variable, string value, string code, string? extra)
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() => LoadTestSettings.Read(Environment(variable, value, extra)));

        Assert.Equal(code, error.Code);
        Assert.StartsWith(code + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(new SettingText(variable, value, variable).Shown, error.Message, StringComparison.Ordinal);
        // Bad input never shows a stack trace (test runners print StackTrace).
        Assert.Null(error.StackTrace);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Profile_settings_are_refused_by_the_generated_plan_too(string variable, string value, string code, string? extra)
    {
        if (variable is not ("LOADTEST_PROFILE" or "LOADTEST_VUS" or "LOADTEST_DURATION" or "LOADTEST_RATE" or "LOADTEST_TIME_SCALE"))
        {
            return; // read by the session only
        }

        // What generated CreatePlan() calls, before the session starts.
        var error = Assert.Throws<LoadTestConfigurationException>(() => LoadProfiles.Resolve("load", new Dictionary<string, string>(), Environment(variable, value, extra)));

        Assert.Equal(code, error.Code);
        Assert.Contains($"{variable}='{value}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_variable_the_runtime_reads_has_a_bad_value_case()
    {
        var covered = BadValues.Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var credentials = LoadTestVariables.Credentials.ToHashSet(StringComparer.Ordinal);

        Assert.All(LoadTestVariables.Known.Where(v => !credentials.Contains(v)), variable => Assert.Contains(variable, covered));
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var values = new Dictionary<string, string> { ["LOADTEST_VUS"] = "abc", ["LOADTEST_DURATION"] = "-5s", ["LOADTEST_QUIET"] = "maybe" };

        var error = Assert.Throws<LoadTestConfigurationException>(() => LoadTestSettings.Read(values.GetValueOrDefault));

        Assert.Equal("LT4111", error.Code);
        Assert.Contains("LT4112: LOADTEST_DURATION='-5s'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LT4116: LOADTEST_QUIET='maybe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_time_defaults_baked_into_generated_code_are_named_by_their_msbuild_property()
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() =>
            LoadProfiles.Resolve("smoke", new Dictionary<string, string> { ["duration"] = "99999999999h" }, _ => null));

        Assert.Equal("LT4112", error.Code);
        Assert.Contains("LoadTestDuration='99999999999h' (build-time default", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_profile_stretched_beyond_a_month_is_refused_not_overflowed()
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() =>
            LoadProfiles.Resolve("soak", new Dictionary<string, string>(), name => name == "LOADTEST_TIME_SCALE" ? "1000" : null));

        Assert.Equal("LT4125", error.Code);
        Assert.Contains("LOADTEST_TIME_SCALE='1000'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_values_are_parsed_and_switches_normalised_for_the_parts_that_read_a_lookup()
    {
        var values = new Dictionary<string, string>
        {
            ["BASE_URL"] = "http://127.0.0.1:5000/api",
            ["LOADTEST_PROFILE"] = "Load",
            ["LOADTEST_VUS"] = "50",
            ["LOADTEST_DURATION"] = "1h30m",
            ["LOADTEST_TIME_SCALE"] = "0.05",
            ["LOADTEST_HTTP2"] = "yes",
            ["LOADTEST_UPDATE_BASELINE"] = "true",
            ["LOADTEST_MAX_CONNECTIONS_PER_HOST"] = "0",
            ["LOADTEST_THINK_TIME"] = "1-3",
            ["LOADTEST_ALLOWED_HOSTS"] = "staging.example.com, *.perf.example.com,10.0.0.7",
            ["LOADTEST_SEGMENT"] = "1",
            ["LOADTEST_SEGMENT_SEQUENCE"] = "0,1/3,2/3,1",
            ["LOADTEST_PASSWORD"] = "s3cret",
        };

        var settings = LoadTestSettings.Read(values.GetValueOrDefault);

        Assert.Equal(new Uri("http://127.0.0.1:5000/api"), settings.BaseUrl);
        Assert.Equal("load", settings.Profile);
        Assert.Equal(50, settings.ProfileOverrides.Vus);
        Assert.Equal(TimeSpan.FromMinutes(90), settings.ProfileOverrides.Duration);
        Assert.Equal(0.05, settings.ProfileOverrides.TimeScale);
        Assert.True(settings.Http2);
        Assert.True(settings.UpdateBaseline);
        Assert.Equal("1", settings.Environment("LOADTEST_UPDATE_BASELINE"));
        Assert.Equal(0, settings.MaxConnectionsPerHost);
        Assert.Equal((1.0, 3.0), settings.ThinkTime);
        Assert.Equal(["staging.example.com", "*.perf.example.com", "10.0.0.7"], settings.AllowedHosts.Hosts);
        Assert.Equal("1/3:2/3", settings.Segment.Segment.ToString());
        Assert.Equal(["LOADTEST_PASSWORD"], settings.CredentialsSet);
        Assert.Empty(settings.Warnings);
    }

    [Fact]
    public void An_unknown_loadtest_variable_is_a_warning_that_suggests_the_name_meant()
    {
        var values = new Dictionary<string, string> { ["LOADTEST_VU"] = "10", ["LOADTEST_INPUT_COUPON"] = "X" };

        var settings = LoadTestSettings.Read(values.GetValueOrDefault, variableNames: values.Keys);

        var warning = Assert.Single(settings.Warnings);
        Assert.Equal("LT4123", warning.Code);
        Assert.Contains("did you mean LOADTEST_VUS?", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_credentials_of_an_authenticated_plan_name_the_variables_but_never_a_value()
    {
        var plan = new LoadTestPlan("login-flow", [new Scenario("s", new PerVuIterations(1, 1), TestPlans.Get())])
        {
            RequiredVariables = ["LOADTEST_USERNAME", "LOADTEST_PASSWORD"],
        };
        var values = new Dictionary<string, string> { ["LOADTEST_USERNAME"] = "alice" };

        var error = Assert.Throws<LoadTestConfigurationException>(() => LoadTestSettings.Read(values.GetValueOrDefault).EnsureRequiredVariables(plan));

        Assert.Equal("LT4119", error.Code);
        Assert.Contains("LOADTEST_PASSWORD", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LOADTEST_USERNAME", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", error.Message, StringComparison.Ordinal);
    }
}
