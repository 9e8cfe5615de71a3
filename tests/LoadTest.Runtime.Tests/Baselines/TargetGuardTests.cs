using LoadTest.Runtime.Baselines;

namespace LoadTest.Runtime.Tests.Baselines;

public sealed class TargetGuardTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:8080/api")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://127.0.0.2")]
    public void Heavy_profiles_may_load_loopback_without_configuration(string url)
    {
        foreach (var profile in TargetGuard.HeavyProfiles)
        {
            Assert.True(TargetGuard.Check(profile, new Uri(url), TargetAllowList.LoopbackOnly).Allowed, $"{profile} {url}");
        }
    }

    [Theory]
    [InlineData("stress")]
    [InlineData("Soak")]
    [InlineData("spike")]
    [InlineData("breakpoint")]
    public void Heavy_profiles_refuse_other_hosts_with_LT4070_saying_how_to_allow_them(string profile)
    {
        var result = TargetGuard.Check(profile, new Uri("https://shop.example.com"), TargetAllowList.FromEnvironment(Env()));

        Assert.False(result.Allowed);
        Assert.StartsWith("LT4070:", result.Message);
        Assert.Contains("shop.example.com", result.Message);
        Assert.Contains("LOADTEST_ALLOWED_HOSTS=shop.example.com", result.Message);
        Assert.Contains($"LOADTEST_ALLOWED_HOSTS_{profile.ToUpperInvariant()}=shop.example.com", result.Message);
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData("load")]
    [InlineData("ci")]
    public void Light_profiles_are_not_guarded(string profile) =>
        Assert.True(TargetGuard.Check(profile, new Uri("https://shop.example.com"), TargetAllowList.LoopbackOnly).Allowed);

    [Fact]
    public void Hosts_from_LOADTEST_ALLOWED_HOSTS_are_allowed_for_every_heavy_profile()
    {
        var allow = TargetAllowList.FromEnvironment(Env(("LOADTEST_ALLOWED_HOSTS", " staging.example.com, 10.0.0.7 ,*.perf.example.net")));

        Assert.True(TargetGuard.Check("soak", new Uri("https://STAGING.example.com"), allow).Allowed);
        Assert.True(TargetGuard.Check("stress", new Uri("http://10.0.0.7:8080"), allow).Allowed);
        Assert.True(TargetGuard.Check("spike", new Uri("http://api.perf.example.net"), allow).Allowed);
        Assert.False(TargetGuard.Check("spike", new Uri("http://perf.example.net.evil.com"), allow).Allowed);
        Assert.False(TargetGuard.Check("stress", new Uri("http://production.example.com"), allow).Allowed);
    }

    [Fact]
    public void A_per_profile_variable_allows_a_host_for_that_profile_only()
    {
        var allow = TargetAllowList.FromEnvironment(Env(("LOADTEST_ALLOWED_HOSTS_SOAK", "staging.example.com")));

        Assert.True(TargetGuard.Check("soak", new Uri("https://staging.example.com"), allow).Allowed);
        Assert.False(TargetGuard.Check("breakpoint", new Uri("https://staging.example.com"), allow).Allowed);
    }

    [Fact]
    public void EnsureAllowed_throws_a_configuration_error_with_one_LT4070_code()
    {
        var exception = Assert.Throws<LoadTest.Runtime.Execution.LoadTestConfigurationException>(
            () => TargetGuard.EnsureAllowed("soak", new Uri("https://shop.example.com"), Env()));

        Assert.Equal("LT4070", exception.Code);
        Assert.StartsWith("LT4070: the 'soak' profile refuses target shop.example.com", exception.Message);
        TargetGuard.EnsureAllowed("soak", new Uri("https://shop.example.com"), Env(("LOADTEST_ALLOWED_HOSTS", "shop.example.com")));
    }
}
