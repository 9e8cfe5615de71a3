using ShopApi.Contracts;

namespace ShopApi.Endpoints;

public static class OrderEndpoints
{
    public const string Prefix = "/orders";

    public static void MapOrderEndpoints(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("").RequireAuthorization();
        orders.MapPost("/create", (CreateOrderRequest request, IOrderRepository repository) => Results.Created($"/api/orders/1", request));
        orders.MapGet("/{id}", async Task<Results<Ok<Order>, NotFound>> (string id, IOrderRepository repository) => TypedResults.NotFound());
    }
}
