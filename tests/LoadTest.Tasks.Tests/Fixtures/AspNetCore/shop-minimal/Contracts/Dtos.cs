using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ShopApi.Contracts;

public record LoginRequest([property: EmailAddress] string Email, [property: MinLength(8)] string Password);

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

public sealed class Address
{
    [Required] public string Street { get; set; } = "";
    [Required] public string City { get; set; } = "";
    [Required, RegularExpression("^[0-9]{5}$")] public string Zip { get; set; } = "";
    public string? Country { get; set; }
}

public sealed record OrderLine(string ProductId, [property: Range(1, int.MaxValue)] int Quantity, Size? Variant = null);

public sealed class CreateOrderRequest
{
    public required Address ShippingAddress { get; init; }
    public required PaymentMethod PaymentMethod { get; init; }
    public List<OrderLine>? Lines { get; init; }
    public string? CouponCode { get; init; }
}

public sealed record Order(string Id, DateTimeOffset CreatedAt, string Status);

public sealed record Product(string Id, string Name, decimal Price);

public interface ICartService;

public interface IOrderRepository;
