using System.Globalization;
using ShopApi.Catalog;
using ShopApi.Data;
using ShopApi.Http;

namespace ShopApi.Endpoints;

public sealed record ProductPage(IReadOnlyList<Product> Items, int Page, int PageSize, int Total);

public static class ProductEndpoints
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/products", ListAsync).WithName(ShopOperations.ProductsList);

    private static async Task<IResult> ListAsync(HttpRequest request, ProductCatalog catalog, SimulatedDatabase database, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = ReadQueryInt(request, "page", 1, 1, 100_000, errors);
        var pageSize = ReadQueryInt(request, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        await database.RunAsync(ShopOperations.ProductsList, queryCount: 1, cancellationToken);
        return Results.Ok(new ProductPage(catalog.Page(page, pageSize), page, pageSize, catalog.Count));
    }

    private static int ReadQueryInt(HttpRequest request, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, $"'{name}' must be one integer from {min} to {max}.");
        return fallback;
    }
}
