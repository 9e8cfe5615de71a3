using System.Text.RegularExpressions;
using ShopApi.Carts;
using ShopApi.Data;
using ShopApi.Http;
using ShopApi.Monitoring;
using ShopApi.Orders;

namespace ShopApi.Endpoints;

public sealed record ShippingAddressInput(string? Street, string? City, string? PostalCode, string? Country);

public sealed record OrderCreateRequest(string? CartId, string? PaymentMethod, ShippingAddressInput? ShippingAddress);

public static partial class OrderEndpoints
{
    public static IReadOnlyList<string> PaymentMethods { get; } = ["card", "paypal", "invoice"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/orders/create", CreateAsync).WithName(ShopOperations.OrdersCreate).RequireBearerToken();
        routes.MapGet("/api/orders/{id}", GetAsync).WithName(ShopOperations.OrdersGet).RequireBearerToken();
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, HttpContext http, CartStore carts, OrderStore orders, SimulatedDatabase database, TimeProvider time, UserActivity activity, CancellationToken cancellationToken)
    {
        var body = await ShopJson.ReadAsync<OrderCreateRequest>(request, cancellationToken);
        if (body.Value is not { } input)
        {
            return body.Problem!;
        }

        var errors = new ValidationErrors();
        if (input.PaymentMethod is null || !PaymentMethods.Contains(input.PaymentMethod))
        {
            errors.Add("paymentMethod", $"'paymentMethod' must be one of {string.Join(", ", PaymentMethods)}.");
        }

        var address = ValidateAddress(input.ShippingAddress, errors);
        if (input.CartId is { Length: 0 })
        {
            errors.Add("cartId", "'cartId' must not be empty; omit it to order your current cart.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var user = http.User.UserName();
        switch (carts.TryClaim(user, input.CartId, out var cart))
        {
            case CartLookup.Unknown:
                return Problems.Invalid("cartId", "This is not your open cart (it may already be ordered).");
            case CartLookup.Empty:
                return Problems.Invalid("cartId", "The cart is empty: add items with POST /api/cart/add first.");
        }

        try
        {
            // Two queries in one transaction (order row + order lines): a write holds its connection twice as long.
            await database.RunAsync(ShopOperations.OrdersCreate, queryCount: 2, cancellationToken);
        }
        catch
        {
            carts.Restore(user, cart!);
            throw;
        }

        var order = new Order(OrderStore.NewId(), user, "created", cart!.CartId, input.PaymentMethod!, address!, cart.Items, time.GetUtcNow());
        orders.Add(order);
        activity.OrderCreated(user);
        return Results.Created($"/api/orders/{order.Id}", order);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, OrderStore orders, SimulatedDatabase database, UserActivity activity, CancellationToken cancellationToken)
    {
        await database.RunAsync(ShopOperations.OrdersGet, queryCount: 1, cancellationToken);
        // Another user's order answers exactly like a missing one, so ids cannot be probed.
        var user = http.User.UserName();
        if (orders.Find(id, user) is not { } order)
        {
            return Problems.NotFound($"You have no order '{id}'.");
        }

        activity.OrderRead(user);
        return Results.Ok(order);
    }

    private static ShippingAddress? ValidateAddress(ShippingAddressInput? input, ValidationErrors errors)
    {
        if (input is null)
        {
            errors.Add("shippingAddress", "'shippingAddress' is required (street, city, postalCode, country).");
            return null;
        }

        var street = errors.RequireText("shippingAddress.street", input.Street, 1, 200);
        var city = errors.RequireText("shippingAddress.city", input.City, 1, 100);
        var postalCode = errors.RequireText("shippingAddress.postalCode", input.PostalCode, 2, 10);
        if (postalCode is not null && !PostalCodePattern().IsMatch(postalCode))
        {
            errors.Add("shippingAddress.postalCode", "'postalCode' may hold letters, digits, spaces and hyphens only.");
            postalCode = null;
        }

        string? country = null;
        if (input.Country is null || !CountryPattern().IsMatch(input.Country))
        {
            errors.Add("shippingAddress.country", "'country' must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE.");
        }
        else
        {
            country = input.Country;
        }

        return street is null || city is null || postalCode is null || country is null
            ? null
            : new ShippingAddress(street, city, postalCode, country);
    }

    [GeneratedRegex(@"^[A-Za-z0-9 -]{2,10}\z")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^[A-Z]{2}\z")]
    private static partial Regex CountryPattern();
}
