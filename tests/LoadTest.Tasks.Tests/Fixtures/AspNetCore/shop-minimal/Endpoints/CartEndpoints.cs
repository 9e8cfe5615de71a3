using ShopApi.Contracts;

namespace ShopApi.Endpoints;

public static class CartEndpoints
{
    public static RouteGroupBuilder MapCartEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/add", AddToCart).Produces(201);
        return group;
    }

    private static IResult AddToCart(AddToCartRequest request, ICartService cart, CancellationToken cancellationToken) =>
        Results.Created("/api/cart", request);
}
