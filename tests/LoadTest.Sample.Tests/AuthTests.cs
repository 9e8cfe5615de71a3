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
    public async Task Signed_up_user_logs_in_with_what_it_sent_and_a_second_sign_up_is_409()
    {
        var credentials = new { username = "signup-" + Guid.NewGuid().ToString("N")[..10], password = "a-long-password" };

        using var signUp = await shop.Client.PostAsync("api/auth/signup", credentials);
        using var again = await shop.Client.PostAsync("api/auth/signup", credentials);
        using var login = await shop.Client.PostAsync("api/auth/login", credentials);
        using var wrong = await shop.Client.PostAsync("api/auth/login", new { credentials.username, password = "another-password" });

        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        Assert.Equal(credentials.username, (await ShopTestClient.ReadJsonAsync(signUp)).GetProperty("username").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("""{"username":"ab","password":"long-enough"}""", "username")]
    [InlineData("""{"username":"has space","password":"long-enough"}""", "username")]
    [InlineData("""{"username":"fine.name","password":"short"}""", "password")]
    [InlineData("""{"password":"long-enough"}""", "username")]
    public async Task Invalid_sign_up_is_400_naming_the_field(string json, string field)
    {
        using var response = await shop.Client.PostRawAsync("api/auth/signup", json);
        Assert.Equal([field], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task A_demo_user_cannot_be_signed_up_again()
    {
        using var response = await shop.Client.PostAsync("api/auth/signup", new { username = "alice", password = "another-password" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task User_stats_count_each_users_cart_adds_orders_and_reads()
    {
        var one = await shop.Client.NewUserAsync("stats");
        var other = await shop.Client.NewUserAsync("stats");
        await shop.Client.AddToCartAsync(one);
        await shop.Client.AddToCartAsync(one);
        using var order = await shop.Client.PostAsync("api/orders/create", new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, one);
        var id = (await ShopTestClient.ReadJsonAsync(order)).GetProperty("id").GetString();
        (await shop.Client.GetAsync($"api/orders/{id}", one)).Dispose();
        await shop.Client.AddToCartAsync(other);

        using var response = await shop.Client.GetAsync("stats/users");
        var stats = await ShopTestClient.ReadJsonAsync(response);
        var items = stats.GetProperty("items").EnumerateArray().Where(u => u.GetProperty("username").GetString()!.StartsWith("stats-", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, items.Count);
        Assert.Contains(items, u => (u.GetProperty("cartAdds").GetInt64(), u.GetProperty("ordersCreated").GetInt64(), u.GetProperty("ordersRead").GetInt64()) == (2, 1, 1));
        Assert.Contains(items, u => (u.GetProperty("cartAdds").GetInt64(), u.GetProperty("ordersCreated").GetInt64(), u.GetProperty("ordersRead").GetInt64()) == (1, 0, 0));
        Assert.Equal(stats.GetProperty("items").GetArrayLength(), stats.GetProperty("users").GetInt32());
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
