using System.Net;

namespace LoadTest.Sample.Tests;

public sealed class CartTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>
{
    [Fact]
    public async Task Adding_to_a_new_cart_returns_its_id_lines_and_item_count()
    {
        var token = await shop.Client.NewUserAsync();

        var cart = await shop.Client.AddToCartAsync(token, "prod_500", 3, "XL");

        Assert.Matches("^cart_[0-9a-f]{32}$", cart.GetProperty("cartId").GetString());
        Assert.Equal(3, cart.GetProperty("itemCount").GetInt32());
        var line = Assert.Single(cart.GetProperty("items").EnumerateArray());
        Assert.Equal("prod_500", line.GetProperty("productId").GetString());
        Assert.Equal("XL", line.GetProperty("variant").GetString());
    }

    [Fact]
    public async Task Adding_with_a_cart_id_grows_that_cart_and_merges_same_product_and_size()
    {
        var token = await shop.Client.NewUserAsync();
        var cartId = (await shop.Client.AddToCartAsync(token, "prod_1", 2, "S")).GetProperty("cartId").GetString()!;

        await shop.Client.AddToCartAsync(token, "prod_2", 1, "M", cartId);
        var cart = await shop.Client.AddToCartAsync(token, "prod_1", 4, "S", cartId);

        Assert.Equal(cartId, cart.GetProperty("cartId").GetString());
        Assert.Equal(7, cart.GetProperty("itemCount").GetInt32());
        Assert.Equal(2, cart.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_user_has_one_cart_every_add_goes_into()
    {
        var token = await shop.Client.NewUserAsync();

        var first = await shop.Client.AddToCartAsync(token, "prod_1", 1, "S");
        var second = await shop.Client.AddToCartAsync(token, "prod_2", 1, "S");

        Assert.Equal(first.GetProperty("cartId").GetString(), second.GetProperty("cartId").GetString());
        Assert.Equal(2, second.GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task Distinct_users_have_distinct_carts()
    {
        var one = await shop.Client.AddToCartAsync(await shop.Client.NewUserAsync(), "prod_1", 1, "S");
        var other = await shop.Client.AddToCartAsync(await shop.Client.NewUserAsync(), "prod_1", 1, "S");

        Assert.NotEqual(one.GetProperty("cartId").GetString(), other.GetProperty("cartId").GetString());
        Assert.Equal(1, other.GetProperty("itemCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"productId":"prod_501","quantity":1,"variant":"M"}""", "productId")]
    [InlineData("""{"productId":"prod_0","quantity":1,"variant":"M"}""", "productId")]
    [InlineData("""{"productId":"prod_042","quantity":1,"variant":"M"}""", "productId")]
    [InlineData("""{"productId":"sku_1","quantity":1,"variant":"M"}""", "productId")]
    [InlineData("""{"quantity":1,"variant":"M"}""", "productId")]
    [InlineData("""{"productId":"prod_1","quantity":0,"variant":"M"}""", "quantity")]
    [InlineData("""{"productId":"prod_1","quantity":11,"variant":"M"}""", "quantity")]
    [InlineData("""{"productId":"prod_1","quantity":1.5,"variant":"M"}""", "quantity")]
    [InlineData("""{"productId":"prod_1","quantity":"2","variant":"M"}""", "quantity")]
    [InlineData("""{"productId":"prod_1","variant":"M"}""", "quantity")]
    [InlineData("""{"productId":"prod_1","quantity":1,"variant":"XXL"}""", "variant")]
    [InlineData("""{"productId":"prod_1","quantity":1,"variant":"m"}""", "variant")]
    [InlineData("""{"productId":"prod_1","quantity":1,"variant":"M","cartId":"cart_00000000000000000000000000000000"}""", "cartId")]
    public async Task Invalid_cart_add_is_400_naming_the_field(string json, string field)
    {
        var token = await shop.Client.LoginAsync("alice");
        using var response = await shop.Client.PostRawAsync("api/cart/add", json, token);
        Assert.Equal([field], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Unknown_cart_id_in_the_query_is_400_naming_cartId()
    {
        var token = await shop.Client.LoginAsync("alice");
        using var response = await shop.Client.PostRawAsync("api/cart/add?cartId=cart_00000000000000000000000000000000", """{"productId":"prod_1","quantity":1,"variant":"M"}""", token);
        Assert.Equal(["cartId"], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var token = await shop.Client.LoginAsync("alice");
        using var response = await shop.Client.PostRawAsync("api/cart/add", """{"productId":"prod_999","quantity":99,"variant":"XXS"}""", token);
        Assert.Equal(["productId", "quantity", "variant"], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("null")]
    public async Task Unreadable_body_is_a_400_problem_not_a_500(string body)
    {
        var token = await shop.Client.LoginAsync("alice");
        using var response = await shop.Client.PostRawAsync("api/cart/add", body, token);
        Assert.Equal(["body"], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Another_users_cart_cannot_be_added_to()
    {
        var alice = await shop.Client.LoginAsync("alice");
        var bob = await shop.Client.LoginAsync("bob");
        var cartId = (await shop.Client.AddToCartAsync(alice)).GetProperty("cartId").GetString()!;

        using var response = await shop.Client.PostAsync($"api/cart/add?cartId={cartId}", new { productId = "prod_1", quantity = 1, variant = "S" }, bob);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
