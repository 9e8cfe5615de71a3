using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ShopApi.Catalog;

public sealed record Product(string Id, string Name, decimal Price, IReadOnlyList<string> Variants);

/// <summary>The fixed catalog: prod_1 … prod_500, each in sizes S, M, L and XL, with deterministic names and prices.</summary>
public sealed class ProductCatalog
{
    public const int ProductCount = 500;
    public const string IdPrefix = "prod_";

    public static IReadOnlyList<string> Variants { get; } = ["S", "M", "L", "XL"];

    private static readonly string[] Styles = ["Classic", "Organic", "Vintage", "Sport", "Premium", "Everyday", "Slim", "Relaxed"];
    private static readonly string[] Garments = ["T-Shirt", "Hoodie", "Polo", "Jacket", "Sweater", "Tank Top", "Shirt", "Parka", "Cardigan", "Vest"];

    private readonly Product[] products = Enumerable.Range(1, ProductCount).Select(Create).ToArray();

    public int Count => products.Length;

    public IReadOnlyList<Product> Page(int page, int pageSize) =>
        products.Skip((page - 1) * pageSize).Take(pageSize).ToArray();

    /// <summary>Finds prod_N for N in 1..500; ids with leading zeros or other text are unknown.</summary>
    public bool TryFind(string? id, [NotNullWhen(true)] out Product? product)
    {
        product = null;
        if (id is null || !id.StartsWith(IdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = id[IdPrefix.Length..];
        if (digits.Length is 0 or > 3 || digits[0] == '0' || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var number = int.Parse(digits, CultureInfo.InvariantCulture);
        if (number > ProductCount)
        {
            return false;
        }

        product = products[number - 1];
        return true;
    }

    private static Product Create(int number)
    {
        var name = $"{Styles[(number - 1) % Styles.Length]} {Garments[(number - 1) / Styles.Length % Garments.Length]} #{number}";
        // Spread prices over 9.99 … 99.98 without randomness, so runs and tests are reproducible.
        var price = 9.99m + (number * 7919 % 9000) / 100m;
        return new Product(IdPrefix + number.ToString(CultureInfo.InvariantCulture), name, price, Variants);
    }
}
