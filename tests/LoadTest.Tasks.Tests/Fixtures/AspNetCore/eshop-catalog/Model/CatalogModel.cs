using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace eShop.Catalog.API.Model;

public class CatalogItem
{
    public int Id { get; set; }

    [Required]
    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public decimal Price { get; set; }

    public int CatalogTypeId { get; set; }

    public int CatalogBrandId { get; set; }

    public int AvailableStock { get; set; }
}

public class CatalogType
{
    public int Id { get; set; }

    [Required]
    public string Type { get; set; } = "";
}

public class CatalogBrand
{
    public int Id { get; set; }

    [Required]
    public string Brand { get; set; } = "";
}

public class PaginatedItems<TEntity>(int pageIndex, int pageSize, long count, IEnumerable<TEntity> data) where TEntity : class
{
    public int PageIndex { get; } = pageIndex;

    public int PageSize { get; } = pageSize;

    public long Count { get; } = count;

    public IEnumerable<TEntity> Data { get; } = data;
}

public record PaginationRequest(
    [property: Description("Number of items to return in a single page of results")]
    [property: DefaultValue(10)]
    int PageSize = 10,

    [property: Description("The index of the page of results to return")]
    [property: DefaultValue(0)]
    int PageIndex = 0
);

public class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
{
    public required DbSet<CatalogItem> CatalogItems { get; set; }
    public required DbSet<CatalogBrand> CatalogBrands { get; set; }
    public required DbSet<CatalogType> CatalogTypes { get; set; }
}

public class CatalogServices(CatalogContext context, ILogger<CatalogServices> logger)
{
    public CatalogContext Context { get; } = context;
    public ILogger<CatalogServices> Logger { get; } = logger;
}

public record CancelOrderCommand(int OrderNumber);

public record CreateOrderRequest(
    string UserId,
    string UserName,
    string City,
    string Street,
    string State,
    string Country,
    string ZipCode,
    [property: Range(1, 100)] int Quantity);

public record OrderSummary(int OrderNumber, DateTime Date, string Status, decimal Total);

public class OrderServices(IOrderQueries queries, ILogger<OrderServices> logger)
{
    public IOrderQueries Queries { get; } = queries;
    public ILogger<OrderServices> Logger { get; } = logger;
}

public interface IOrderQueries
{
}
