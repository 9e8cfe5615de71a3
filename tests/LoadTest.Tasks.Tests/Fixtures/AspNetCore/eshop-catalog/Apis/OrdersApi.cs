using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using eShop.Catalog.API.Model;

namespace eShop.Ordering.API;

public static class OrdersApi
{
    public static RouteGroupBuilder MapOrdersApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/orders").HasApiVersion(1.0);

        api.MapPut("/cancel", CancelOrderAsync);
        api.MapGet("{orderId:int}", GetOrderAsync);
        api.MapGet("/", GetOrdersByUserAsync);
        api.MapPost("/", CreateOrderAsync);

        return api;
    }

    public static async Task<Results<Ok, BadRequest<string>, ProblemHttpResult>> CancelOrderAsync(
        [FromHeader(Name = "x-requestid")] Guid requestId,
        CancelOrderCommand command,
        [AsParameters] OrderServices services)
    {
        return TypedResults.Ok();
    }

    public static async Task<Results<Ok<OrderSummary>, NotFound>> GetOrderAsync(int orderId, [AsParameters] OrderServices services)
    {
        return TypedResults.NotFound();
    }

    public static async Task<Ok<IEnumerable<OrderSummary>>> GetOrdersByUserAsync([AsParameters] OrderServices services)
    {
        return TypedResults.Ok(Enumerable.Empty<OrderSummary>());
    }

    public static async Task<Results<Created<OrderSummary>, BadRequest<string>>> CreateOrderAsync(
        [FromHeader(Name = "x-requestid")] Guid requestId,
        CreateOrderRequest request,
        [AsParameters] OrderServices services)
    {
        return TypedResults.Created("/api/orders/1", new OrderSummary(1, DateTime.UtcNow, "submitted", 10m));
    }
}

public static class CatalogAdminApi
{
    public static RouteGroupBuilder MapCatalogAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.NewVersionedApi("CatalogAdmin").MapGroup("api/catalog/admin").HasApiVersion(2.0);

        admin.MapPost("/brands", (CatalogBrand brand) => TypedResults.Created($"/api/catalog/admin/brands/{brand.Id}", brand));
        admin.MapDelete("/brands/{id:int}", (int id) => TypedResults.NoContent());
        admin.MapPost("/types", CreateType).Produces<CatalogType>(StatusCodes.Status201Created).ProducesValidationProblem();
        admin.MapGet("/health", () => Results.Ok()).AllowAnonymous().IsApiVersionNeutral();

        return admin;
    }

    private static IResult CreateType(CatalogType type) => Results.Created($"/api/catalog/admin/types/{type.Id}", type);
}
