using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Profiles;

namespace LoadTest.Tasks.Tests.Planning;

/// <summary>How the generated scenarios pick and shape their load (LoadTest.Runtime.Profiles), as the k6 script does.</summary>
public sealed class ProfileResolutionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static readonly IReadOnlyDictionary<string, string> NoOverrides = new Dictionary<string, string>();

    [Fact]
    public void Load_profile_is_the_product_story_shape()
    {
        var profile = LoadProfiles.Resolve("load", NoOverrides, Env());

        var ramp = Assert.IsType<RampingVus>(profile.Executor);
        Assert.Equal(10, ramp.StartVus);
        Assert.Equal([50, 200, 500, 500, 0], ramp.Stages.Select(s => s.Target));
        Assert.Equal(TimeSpan.FromMinutes(14), TimeSpan.FromTicks(ramp.Stages.Sum(s => s.Duration.Ticks)));
    }

    [Fact]
    public void Time_scale_shrinks_every_duration()
    {
        var profile = LoadProfiles.Resolve("load", NoOverrides, Env(("LOADTEST_TIME_SCALE", "0.05")));

        var ramp = Assert.IsType<RampingVus>(profile.Executor);
        Assert.Equal(TimeSpan.FromSeconds(42), TimeSpan.FromTicks(ramp.Stages.Sum(s => s.Duration.Ticks)));
        Assert.Equal(0.05, profile.TimeScale);
    }

    [Fact]
    public void Environment_picks_the_profile_and_wins_over_build_defaults()
    {
        var build = new Dictionary<string, string> { ["vus"] = "20", ["duration"] = "2m" };

        var fromBuild = Assert.IsType<ConstantVus>(LoadProfiles.Resolve("smoke", build, Env()).Executor);
        var fromEnv = LoadProfiles.Resolve("smoke", build, Env(("LOADTEST_PROFILE", "ci"), ("LOADTEST_VUS", "7")));

        Assert.Equal((20, TimeSpan.FromMinutes(2)), (fromBuild.Vus, fromBuild.Duration));
        Assert.Equal("ci", fromEnv.Name);
        Assert.Equal((7, TimeSpan.FromMinutes(2)), (((ConstantVus)fromEnv.Executor).Vus, ((ConstantVus)fromEnv.Executor).Duration));
    }

    [Fact]
    public void Vus_and_duration_overrides_rescale_a_ramp()
    {
        var profile = LoadProfiles.Resolve("load", NoOverrides, Env(("LOADTEST_VUS", "50"), ("LOADTEST_DURATION", "7m")));

        var ramp = Assert.IsType<RampingVus>(profile.Executor);
        Assert.Equal([5, 20, 50, 50, 0], ramp.Stages.Select(s => s.Target));
        Assert.Equal(TimeSpan.FromMinutes(7), TimeSpan.FromTicks(ramp.Stages.Sum(s => s.Duration.Ticks)));
    }

    [Fact]
    public void Stress_is_open_model_and_aborts_on_failure()
    {
        var profile = LoadProfiles.Resolve("stress", NoOverrides, Env(("LOADTEST_RATE", "200")));

        var rate = Assert.IsType<RampingArrivalRate>(profile.Executor);
        Assert.Equal(200, rate.Stages.Max(s => s.Target));
        var thresholds = profile.Thresholds(["GET /x"], ["errors"]);
        Assert.Contains(thresholds["http_req_failed"], t => t.AbortOnFail && t.Expression == "rate<0.05");
        Assert.False(thresholds["http_req_duration{name:GET /x}"][0].AbortOnFail);
    }

    [Fact]
    public void Verification_is_stricter_with_headroom_and_a_soak_phase()
    {
        var profile = LoadProfiles.Resolve("verification", NoOverrides, Env());

        var ramp = Assert.IsType<RampingVus>(profile.Executor);
        Assert.Equal(600, ramp.Stages.Max(s => s.Target));
        Assert.Contains(ramp.Stages, s => s.Target == 500 && s.Duration == TimeSpan.FromMinutes(30));
        var thresholds = profile.Thresholds([], ["errors"]);
        Assert.Equal(["p(95)<500", "p(99)<1500"], thresholds["http_req_duration"].Select(t => t.Expression));
        Assert.Equal("rate<0.01", thresholds["errors"][0].Expression);
    }

    [Fact]
    public void Shares_split_the_load_between_flows()
    {
        var profile = LoadProfiles.Resolve("ci", NoOverrides, Env());

        Assert.Equal(25, ((ConstantVus)profile.ExecutorFor(0.25)).Vus);
        Assert.Equal(1, ((ConstantVus)profile.ExecutorFor(0.001)).Vus);
    }

    [Fact]
    public void Unknown_names_and_bad_numbers_are_refused_all_at_once_naming_each_variable()
    {
        // They used to fall back silently (another profile ran); now the run does not start.
        var error = Assert.Throws<LoadTest.Runtime.Execution.LoadTestConfigurationException>(() =>
            LoadProfiles.Resolve("smoke", NoOverrides, Env(("LOADTEST_PROFILE", "turbo"), ("LOADTEST_VUS", "lots"), ("LOADTEST_TIME_SCALE", "-1"))));

        Assert.Equal("LT4110", error.Code);
        Assert.Contains("LOADTEST_PROFILE='turbo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LT4111: LOADTEST_VUS='lots'", error.Message, StringComparison.Ordinal);
        Assert.Contains("LT4114: LOADTEST_TIME_SCALE='-1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rate_on_a_closed_model_profile_is_a_warning_that_names_it()
    {
        var profile = LoadProfiles.Resolve("smoke", NoOverrides, Env(("LOADTEST_RATE", "200")));

        Assert.Equal("smoke", profile.Name);
        var warning = Assert.Single(profile.Warnings);
        Assert.StartsWith("LT4124: LOADTEST_RATE='200' has no effect", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("2.5", 2_500)]
    public void K6_durations_parse(string text, double milliseconds)
    {
        Assert.True(K6Duration.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Fact]
    public void K6_duration_formatting_round_trips()
    {
        Assert.Equal("42s", K6Duration.Format(TimeSpan.FromSeconds(42)));
        Assert.Equal("4200ms", K6Duration.Format(TimeSpan.FromMilliseconds(4200)));
        Assert.False(K6Duration.TryParse("five minutes", out _));
    }
}
