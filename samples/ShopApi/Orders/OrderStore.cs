using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using ShopApi.Carts;

namespace ShopApi.Orders;

public sealed record ShippingAddress(string Street, string City, string PostalCode, string Country);

public sealed record Order(
    string Id,
    [property: JsonIgnore] string Owner,
    string Status,
    string CartId,
    string PaymentMethod,
    ShippingAddress ShippingAddress,
    IReadOnlyList<CartLine> Items,
    DateTimeOffset CreatedAt)
{
    public decimal Total => Items.Sum(line => line.LineTotal);
    public int ItemCount => Items.Sum(line => line.Quantity);
}

/// <summary>Orders by id. Keeps the newest <see cref="Capacity"/> orders so a long soak test cannot exhaust memory.</summary>
public sealed class OrderStore
{
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, Order> orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> arrival = new();

    public void Add(Order order)
    {
        orders[order.Id] = order;
        arrival.Enqueue(order.Id);
        while (arrival.Count > Capacity && arrival.TryDequeue(out var oldest))
        {
            orders.TryRemove(oldest, out _);
        }
    }

    /// <summary>Only the owner sees an order; for anyone else it does not exist.</summary>
    public Order? Find(string id, string owner) =>
        orders.TryGetValue(id, out var order) && order.Owner == owner ? order : null;

    public static string NewId() => "ord_" + Guid.NewGuid().ToString("N");
}
