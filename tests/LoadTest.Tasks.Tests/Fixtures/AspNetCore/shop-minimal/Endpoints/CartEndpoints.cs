using ShopApi.Contracts;

namespace ShopApi.Endpoints;

public static class CartEndpoints
{
    public static RouteGroupBuilder MapCartEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/add", AddToCart).Produces<Cart>(200);
        return group;
    }

    private static IResult AddToCart(AddToCartRequest request, string? cartId, ICartService cart, CancellationToken cancellationToken) =>
        Results.Created("/api/cart", request);
}
