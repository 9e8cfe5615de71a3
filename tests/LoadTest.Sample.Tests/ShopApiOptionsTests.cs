using ShopApi;

namespace LoadTest.Sample.Tests;

public sealed class ShopApiOptionsTests
{
    private static ShopApiOptions Read(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value);
        return ShopApiOptions.FromEnvironment(name => environment.GetValueOrDefault(name));
    }

    [Fact]
    public void Unset_variables_give_the_documented_defaults()
    {
        var options = Read();

        Assert.Equal(20, options.DbPoolSize);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.DbQueryTime);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), options.DbPoolTimeout);
        Assert.Null(options.SlowOperation);
        Assert.Equal(ShopApiOptions.DemoUsers, options.Users);
        Assert.Null(options.JwtSecret);
    }

    [Fact]
    public void Variables_set_every_knob()
    {
        var options = Read(
            ("SHOP_DB_POOL_SIZE", "7"),
            ("SHOP_DB_QUERY_MS", "25"),
            ("SHOP_DB_POOL_TIMEOUT_MS", "500"),
            ("SHOP_SLOW_OPERATION", "orders_create"),
            ("SHOP_SLOW_EXTRA_MS", "40"),
            ("SHOP_USERS", "alice:secret1, bob:se:cret2"),
            ("SHOP_TOKEN_LIFETIME_SECONDS", "60"));

        Assert.Equal(7, options.DbPoolSize);
        Assert.Equal(TimeSpan.FromMilliseconds(25), options.DbQueryTime);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.DbPoolTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(40), options.ExtraQueryTimeFor("orders_create"));
        Assert.Equal(TimeSpan.Zero, options.ExtraQueryTimeFor("cart_add"));
        Assert.Equal("secret1", options.Users["alice"]);
        Assert.Equal("se:cret2", options.Users["bob"]);
        Assert.Equal(TimeSpan.FromSeconds(60), options.TokenLifetime);
    }

    [Theory]
    [InlineData("SHOP_DB_POOL_SIZE", "twenty")]
    [InlineData("SHOP_DB_POOL_SIZE", "0")]
    [InlineData("SHOP_DB_QUERY_MS", "-5")]
    [InlineData("SHOP_DB_POOL_TIMEOUT_MS", "1.5")]
    [InlineData("SHOP_SLOW_OPERATION", "auth_login")]
    [InlineData("SHOP_JWT_SECRET", "too-short")]
    public void Bad_values_name_the_variable(string name, string value)
    {
        var error = Assert.Throws<ShopApiConfigurationException>(() => Read((name, value)));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("alice:")]
    [InlineData(":hunter2")]
    [InlineData("alice:hunter2,alice:hunter3")]
    public void Bad_user_lists_are_rejected_without_echoing_passwords(string users)
    {
        var error = Assert.Throws<ShopApiConfigurationException>(() => Read(("SHOP_USERS", users)));
        Assert.Contains("SHOP_USERS", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Printed_options_hide_passwords_and_the_signing_key()
    {
        var options = new ShopApiOptions
        {
            Users = new Dictionary<string, string> { ["alice"] = "hunter2-password" },
            JwtSecret = "a-signing-key-that-must-stay-private-0123",
        };

        var printed = options.ToString();

        Assert.Contains("alice", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("must-stay-private", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_refuses_invalid_options_before_listening()
    {
        await Assert.ThrowsAsync<ShopApiConfigurationException>(() => ShopApiHost.StartAsync(new ShopApiOptions { DbPoolSize = 0 }));
    }
}
