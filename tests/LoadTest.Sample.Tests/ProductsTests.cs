using System.Net;

namespace LoadTest.Sample.Tests;

public sealed class ProductsTests(ShopApiFixture shop) : IClassFixture<ShopApiFixture>
{
    [Fact]
    public async Task First_page_has_twenty_products_of_five_hundred_with_all_sizes()
    {
        using var response = await shop.Client.GetAsync("api/products");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ShopTestClient.ReadJsonAsync(response);
        Assert.Equal(500, page.GetProperty("total").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(20, items.Length);
        Assert.Equal("prod_1", items[0].GetProperty("id").GetString());
        Assert.Equal(["S", "M", "L", "XL"], items[0].GetProperty("variants").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.All(items, item => Assert.True(item.GetProperty("price").GetDecimal() > 0));
    }

    [Fact]
    public async Task Last_page_ends_at_prod_500()
    {
        using var response = await shop.Client.GetAsync("api/products?page=5&pageSize=100");
        var items = (await ShopTestClient.ReadJsonAsync(response)).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(100, items.Length);
        Assert.Equal("prod_401", items[0].GetProperty("id").GetString());
        Assert.Equal("prod_500", items[^1].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=-1", "pageSize")]
    public async Task Out_of_range_paging_is_400(string query, string field)
    {
        using var response = await shop.Client.GetAsync("api/products?" + query);
        Assert.Equal([field], await ShopTestClient.ErrorFieldsAsync(response));
    }

    [Fact]
    public async Task Health_is_200()
    {
        using var response = await shop.Client.GetAsync("health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
