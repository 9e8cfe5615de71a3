using ShopApi.Carts;
using ShopApi.Catalog;
using ShopApi.Data;
using ShopApi.Http;
using ShopApi.Monitoring;

namespace ShopApi.Endpoints;

/// <param name="CartId">Not part of the body: only read to point callers at the query parameter.</param>
public sealed record CartAddRequest(string? ProductId, int? Quantity, string? Variant, string? CartId);

public sealed record CartResponse(string CartId, IReadOnlyList<CartLine> Items, int ItemCount, decimal Subtotal)
{
    public static CartResponse From(CartSnapshot cart) => new(cart.CartId, cart.Items, cart.ItemCount, cart.Subtotal);
}

public static class CartEndpoints
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10;

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/cart/add", AddAsync).WithName(ShopOperations.CartAdd).RequireBearerToken();

    private static async Task<IResult> AddAsync(
        HttpRequest request, HttpContext http, string? cartId, ProductCatalog catalog, CartStore carts, SimulatedDatabase database, UserActivity activity, CancellationToken cancellationToken)
    {
        var body = await ShopJson.ReadAsync<CartAddRequest>(request, cancellationToken);
        if (body.Value is not { } input)
        {
            return body.Problem!;
        }

        var user = http.User.UserName();
        var errors = new ValidationErrors();
        if (input.ProductId is null)
        {
            errors.Add("productId", "'productId' is required.");
        }

        Product? product = null;
        if (input.ProductId is not null && !catalog.TryFind(input.ProductId, out product))
        {
            errors.Add("productId", $"Unknown product '{input.ProductId}': ids run from prod_1 to prod_{ProductCatalog.ProductCount}.");
        }

        if (input.Quantity is not { } quantity || quantity < MinQuantity || quantity > MaxQuantity)
        {
            errors.Add("quantity", $"'quantity' must be an integer from {MinQuantity} to {MaxQuantity}.");
        }

        if (input.Variant is null || !ProductCatalog.Variants.Contains(input.Variant))
        {
            errors.Add("variant", $"'variant' must be one of {string.Join(", ", ProductCatalog.Variants)}.");
        }

        // cartId is an optional query parameter, not a body member: load-test generators fill optional body members
        // with made-up values, and a made-up cart id would turn half of all cart adds into 400s.
        if (input.CartId is not null)
        {
            errors.Add("cartId", "Send cartId as a query parameter: POST /api/cart/add?cartId=<id>.");
        }

        if (cartId is not null && !carts.IsOpen(user, cartId))
        {
            errors.Add("cartId", "This is not your open cart (it may have been ordered). Omit cartId to add to your current cart.");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        await database.RunAsync(ShopOperations.CartAdd, queryCount: 1, cancellationToken);
        var cart = carts.Add(user, cartId, product!, input.Variant!, input.Quantity!.Value);
        if (cart is null)
        {
            return Problems.Invalid("cartId", "The cart was ordered while this item was being added. Omit cartId to add to your current cart.");
        }

        activity.CartAdded(user);
        return Results.Ok(CartResponse.From(cart));
    }
}
