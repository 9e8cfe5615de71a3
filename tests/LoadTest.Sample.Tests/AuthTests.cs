using System.Net;

namespace LoadTest.Sample.Tests;

public sealed class AuthTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>
{
    private static readonly object CartItem = new { productId = "prod_1", quantity = 1, variant = "S" };

    [Fact]
    public async Task Login_with_demo_user_returns_a_three_part_token_that_opens_protected_endpoints()
    {
        using var response = await shop.Client.PostAsync("api/auth/login", new { username = "alice", password = ShopApi.ShopApiOptions.DemoUsers["alice"] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ShopTestClient.ReadJsonAsync(response);
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(3, token.Split('.').Length);
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        using var cartAdd = await shop.Client.PostAsync("api/cart/add", CartItem, token);
        Assert.Equal(HttpStatusCode.OK, cartAdd.StatusCode);
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("mallory", "alice-demo-password")]
    public async Task Login_with_bad_credentials_is_401(string username, string password)
    {
        using var response = await shop.Client.PostAsync("api/auth/login", new { username, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_without_password_is_400_naming_the_field()
    {
        using var response = await shop.Client.PostAsync("api/auth/login", new { username = "alice" });
        Assert.Equal(["password"], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Protected_endpoint_without_token_is_401_with_bearer_challenge()
    {
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Token_signed_independently_with_the_configured_key_is_accepted()
    {
        var token = TestJwt.Create(ShopApiFixture.JwtSecret, TestJwt.Claims("alice", DateTimeOffset.UtcNow.AddMinutes(5)));
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var token = TestJwt.Create(ShopApiFixture.JwtSecret, TestJwt.Claims("alice", DateTimeOffset.UtcNow.AddSeconds(-5)));
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_401()
    {
        var token = TestJwt.Create("some-other-key-of-sufficient-length-0123", TestJwt.Claims("alice", DateTimeOffset.UtcNow.AddMinutes(5)));
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_with_a_changed_payload_is_401()
    {
        var genuine = await shop.Client.LoginAsync("alice");
        var parts = genuine.Split('.');
        var forgedClaims = TestJwt.Create("irrelevant-key-irrelevant-key-012345", TestJwt.Claims("bob", DateTimeOffset.UtcNow.AddHours(1))).Split('.')[1];
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, $"{parts[0]}.{forgedClaims}.{parts[2]}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_401()
    {
        var signed = TestJwt.Create(ShopApiFixture.JwtSecret, TestJwt.Claims("alice", DateTimeOffset.UtcNow.AddMinutes(5)), """{"alg":"none","typ":"JWT"}""");
        var unsigned = signed[..(signed.LastIndexOf('.') + 1)];
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b")]
    [InlineData("%%%.%%%.%%%")]
    public async Task Malformed_token_is_401(string token)
    {
        using var response = await shop.Client.PostAsync("api/cart/add", CartItem, token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
