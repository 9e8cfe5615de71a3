using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ShopApi.Contracts;

public record LoginRequest([property: StringLength(100, MinimumLength = 1)] string Username, [property: StringLength(200, MinimumLength = 1)] string Password);

public record LoginResponse(string Token, int ExpiresIn);

public enum Size { S, M, L, XL }

public record AddToCartRequest(
    [property: RegularExpression("^prod_[0-9]+$")] string ProductId,
    [property: Range(1, 10)] int Quantity,
    Size Variant,
    [property: MaxLength(200)] string? Note = null);

public enum PaymentMethod
{
    [JsonStringEnumMemberName("card")] Card,
    [JsonStringEnumMemberName("paypal")] PayPal,
    [JsonStringEnumMemberName("invoice")] Invoice,
}

public sealed class ShippingAddress
{
    [Required, StringLength(200)] public string Street { get; set; } = "";
    [Required, StringLength(100)] public string City { get; set; } = "";
    [Required, RegularExpression("^[A-Za-z0-9 -]{2,10}$")] public string PostalCode { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$")] public string Country { get; set; } = "";
}

public sealed class CreateOrderRequest
{
    [RegularExpression("^cart_[0-9a-f]{32}$")]
    public string? CartId { get; init; }
    public required PaymentMethod PaymentMethod { get; init; }
    public required ShippingAddress ShippingAddress { get; init; }
}

public sealed record Cart(string CartId, int ItemCount, decimal Subtotal);

public sealed record Order(string Id, DateTimeOffset CreatedAt, string Status);

public sealed record Product(string Id, string Name, decimal Price);

public interface ICartService;

public interface IOrderRepository;
