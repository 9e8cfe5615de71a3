using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShopApi;

namespace LoadTest.Sample.Tests;

/// <summary>A thin HTTP client for the shop: JSON in, parsed JSON out, optional bearer token.</summary>
public sealed class ShopTestClient(Uri baseUrl) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(20) };

    public HttpClient Http => http;

    public static object ValidAddress { get; } = new { street = "221B Baker Street", city = "London", postalCode = "NW1 6XE", country = "GB" };

    public async Task<string> LoginAsync(string user = "alice")
    {
        using var response = await PostAsync("api/auth/login", new { username = user, password = ShopApiOptions.DemoUsers[user] });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("token").GetString()!;
    }

    /// <summary>Signs up a user no other test has and logs in as it: a fresh user has an empty cart.</summary>
    public async Task<string> NewUserAsync(string prefix = "test")
    {
        var credentials = new { username = $"{prefix}-{Guid.NewGuid():N}", password = "pw-" + Guid.NewGuid().ToString("N") };
        using (var signUp = await PostAsync("api/auth/signup", credentials))
        {
            Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        }

        using var response = await PostAsync("api/auth/login", credentials);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("token").GetString()!;
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? token = null) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body), token);

    public Task<HttpResponseMessage> PostRawAsync(string path, string json, string? token = null) =>
        SendAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"), token);

    public Task<HttpResponseMessage> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token);

    public async Task<JsonElement> AddToCartAsync(string token, string productId = "prod_42", int quantity = 2, string variant = "M", string? cartId = null)
    {
        var path = cartId is null ? "api/cart/add" : $"api/cart/add?cartId={Uri.EscapeDataString(cartId)}";
        using var response = await PostAsync(path, new { productId, quantity, variant }, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The field names a 400 problem lists under errors.</summary>
    public static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        return problem.GetProperty("errors").EnumerateObject().Select(field => field.Name).Order().ToArray();
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }
}
