using System.Net;

namespace LoadTest.Sample.Tests;

public sealed class OrderTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>
{
    [Fact]
    public async Task Created_order_reads_back_with_the_same_items_and_total()
    {
        var token = await shop.Client.NewUserAsync();
        var cart = await shop.Client.AddToCartAsync(token, "prod_7", 2, "L");
        var cartId = cart.GetProperty("cartId").GetString();

        using var created = await shop.Client.PostAsync("api/orders/create", new { cartId, paymentMethod = "paypal", shippingAddress = ShopTestClient.ValidAddress }, token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = await ShopTestClient.ReadJsonAsync(created);
        var id = order.GetProperty("id").GetString()!;
        Assert.Matches("^ord_[0-9a-f]{32}$", id);
        Assert.Equal("created", order.GetProperty("status").GetString());
        Assert.Equal(cart.GetProperty("subtotal").GetDecimal(), order.GetProperty("total").GetDecimal());
        Assert.Equal($"/api/orders/{id}", created.Headers.Location?.OriginalString);

        using var read = await shop.Client.GetAsync($"api/orders/{id}", token);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readBack = await ShopTestClient.ReadJsonAsync(read);
        Assert.Equal(id, readBack.GetProperty("id").GetString());
        Assert.Equal("prod_7", readBack.GetProperty("items")[0].GetProperty("productId").GetString());
        Assert.Equal("GB", readBack.GetProperty("shippingAddress").GetProperty("country").GetString());
    }

    [Fact]
    public async Task Without_cart_id_the_current_cart_is_ordered_once()
    {
        var token = await shop.Client.NewUserAsync();
        var cartId = (await shop.Client.AddToCartAsync(token, "prod_3")).GetProperty("cartId").GetString();
        var request = new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress };

        using var first = await shop.Client.PostAsync("api/orders/create", request, token);
        using var second = await shop.Client.PostAsync("api/orders/create", request, token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(cartId, (await ShopTestClient.ReadJsonAsync(first)).GetProperty("cartId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Fact]
    public async Task Ordering_the_same_cart_twice_is_400()
    {
        var token = await shop.Client.NewUserAsync();
        var cartId = (await shop.Client.AddToCartAsync(token)).GetProperty("cartId").GetString();
        var request = new { cartId, paymentMethod = "invoice", shippingAddress = ShopTestClient.ValidAddress };

        using var first = await shop.Client.PostAsync("api/orders/create", request, token);
        using var second = await shop.Client.PostAsync("api/orders/create", request, token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(["cartId"], await ShopTestClient.ErrorFieldsAsync(second));
    }

    [Fact]
    public async Task Concurrent_checkouts_of_distinct_users_all_succeed()
    {
        var flows = Enumerable.Range(1, 10).Select(async n =>
        {
            var token = await shop.Client.NewUserAsync();
            var cartId = (await shop.Client.AddToCartAsync(token, $"prod_{n}", 1, "M")).GetProperty("cartId").GetString();
            using var order = await shop.Client.PostAsync("api/orders/create", new { cartId, paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, token);
            return (order.StatusCode, Items: (await ShopTestClient.ReadJsonAsync(order)).GetProperty("itemCount").GetInt32());
        });

        var results = await Task.WhenAll(flows);

        Assert.All(results, result => Assert.Equal((HttpStatusCode.Created, 1), result));
    }

    [Fact]
    public async Task Concurrent_checkouts_of_one_account_share_its_one_cart_so_only_one_order_gets_it()
    {
        // Why a load test needs one user per virtual user: ten "users" on one account add to one cart, and the
        // first order takes it; the others order a cart that is gone.
        var token = await shop.Client.NewUserAsync();
        var cartIds = await Task.WhenAll(Enumerable.Range(1, 10).Select(async n =>
            (await shop.Client.AddToCartAsync(token, $"prod_{n}", 1, "M")).GetProperty("cartId").GetString()));
        var orders = await Task.WhenAll(cartIds.Select(async cartId =>
        {
            using var order = await shop.Client.PostAsync("api/orders/create", new { cartId, paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, token);
            return order.StatusCode;
        }));

        Assert.Single(cartIds.Distinct());
        Assert.Equal(1, orders.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(9, orders.Count(s => s == HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("""{"paymentMethod":"cash","shippingAddress":{"street":"a","city":"b","postalCode":"12345","country":"DE"}}""", "paymentMethod")]
    [InlineData("""{"shippingAddress":{"street":"a","city":"b","postalCode":"12345","country":"DE"}}""", "paymentMethod")]
    [InlineData("""{"paymentMethod":"card"}""", "shippingAddress")]
    [InlineData("""{"paymentMethod":"card","shippingAddress":{"street":"a","city":"b","postalCode":"12345","country":"de"}}""", "shippingAddress.country")]
    [InlineData("""{"paymentMethod":"card","shippingAddress":{"street":"a","city":"b","postalCode":"12345","country":"DEU"}}""", "shippingAddress.country")]
    [InlineData("""{"paymentMethod":"card","shippingAddress":{"street":"a","city":"b","postalCode":"12345"}}""", "shippingAddress.country")]
    [InlineData("""{"paymentMethod":"card","shippingAddress":{"street":" ","city":"b","postalCode":"12345","country":"DE"}}""", "shippingAddress.street")]
    [InlineData("""{"paymentMethod":"card","shippingAddress":{"street":"a","city":"b","postalCode":"12_45","country":"DE"}}""", "shippingAddress.postalCode")]
    public async Task Invalid_order_input_is_400_naming_the_field(string json, string field)
    {
        var token = await shop.Client.LoginAsync("alice");
        using var response = await shop.Client.PostRawAsync("api/orders/create", json, token);
        Assert.Equal([field], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Ordering_with_no_open_cart_is_400()
    {
        // A fresh user of this shop instance has no cart yet.
        var token = await shop.Client.NewUserAsync();
        using var response = await shop.Client.PostAsync("api/orders/create", new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_order_is_404_like_a_missing_one()
    {
        var alice = await shop.Client.NewUserAsync("alice");
        var bob = await shop.Client.NewUserAsync("bob");
        await shop.Client.AddToCartAsync(alice);
        using var created = await shop.Client.PostAsync("api/orders/create", new { paymentMethod = "card", shippingAddress = ShopTestClient.ValidAddress }, alice);
        var id = (await ShopTestClient.ReadJsonAsync(created)).GetProperty("id").GetString();

        using var asBob = await shop.Client.GetAsync($"api/orders/{id}", bob);
        using var missing = await shop.Client.GetAsync("api/orders/ord_00000000000000000000000000000000", alice);
        using var asAlice = await shop.Client.GetAsync($"api/orders/{id}", alice);

        Assert.Equal(HttpStatusCode.NotFound, asBob.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAlice.StatusCode);
    }

    [Fact]
    public async Task Reading_an_order_needs_a_token()
    {
        using var response = await shop.Client.GetAsync("api/orders/ord_00000000000000000000000000000000");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
