using System.Collections.Concurrent;
using ShopApi.Catalog;

namespace ShopApi.Carts;

public sealed record CartLine(string ProductId, string Name, string Variant, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}

/// <summary>What a cart holds at one moment; the store's carts themselves are mutable and guarded by a lock.</summary>
public sealed record CartSnapshot(string CartId, IReadOnlyList<CartLine> Items)
{
    public int ItemCount => Items.Sum(line => line.Quantity);
    public decimal Subtotal => Items.Sum(line => line.LineTotal);
}

public enum CartLookup { Found, Unknown, Empty }

/// <summary>
/// Open carts per user. A cart add without a cartId opens a new cart, so many virtual users sharing one account
/// never put items into (or order) each other's carts; the user's "current" cart is the most recently opened open one.
/// </summary>
public sealed class CartStore
{
    /// <summary>Open carts kept per user; the oldest is dropped beyond this, so a load test cannot grow memory without bound.</summary>
    public const int MaxOpenCartsPerUser = 1000;

    private readonly ConcurrentDictionary<string, UserCarts> users = new(StringComparer.Ordinal);

    public bool IsOpen(string user, string cartId)
    {
        var carts = CartsOf(user);
        lock (carts)
        {
            return carts.Find(cartId) is not null;
        }
    }

    /// <summary>Adds a line to the given open cart (or to a new cart when cartId is null); null when that cart is no longer open.</summary>
    public CartSnapshot? Add(string user, string? cartId, Product product, string variant, int quantity)
    {
        var carts = CartsOf(user);
        lock (carts)
        {
            var cart = cartId is null ? carts.Open() : carts.Find(cartId);
            if (cart is null)
            {
                return null;
            }

            var index = cart.Lines.FindIndex(line => line.ProductId == product.Id && line.Variant == variant);
            if (index >= 0)
            {
                cart.Lines[index] = cart.Lines[index] with { Quantity = cart.Lines[index].Quantity + quantity };
            }
            else
            {
                cart.Lines.Add(new CartLine(product.Id, product.Name, variant, quantity, product.Price));
            }

            return cart.Snapshot();
        }
    }

    /// <summary>Removes the cart (given, or the current one) so exactly one order can claim it.</summary>
    public CartLookup TryClaim(string user, string? cartId, out CartSnapshot? claimed)
    {
        claimed = null;
        var carts = CartsOf(user);
        lock (carts)
        {
            var cart = cartId is null ? carts.Current() : carts.Find(cartId);
            if (cart is null)
            {
                return cartId is null ? CartLookup.Empty : CartLookup.Unknown;
            }

            if (cart.Lines.Count == 0)
            {
                return CartLookup.Empty;
            }

            carts.Remove(cart);
            claimed = cart.Snapshot();
            return CartLookup.Found;
        }
    }

    /// <summary>Puts a claimed cart back when its order could not be written (the "transaction" rolled back).</summary>
    public void Restore(string user, CartSnapshot cart)
    {
        var carts = CartsOf(user);
        lock (carts)
        {
            carts.Reopen(cart);
        }
    }

    private UserCarts CartsOf(string user) => users.GetOrAdd(user, static _ => new UserCarts());

    private sealed class Cart(string id)
    {
        public string Id { get; } = id;
        public List<CartLine> Lines { get; } = [];
        public CartSnapshot Snapshot() => new(Id, Lines.ToArray());
    }

    // Guarded by locking the instance. Newest cart last.
    private sealed class UserCarts
    {
        private readonly List<Cart> open = [];

        public Cart Open()
        {
            if (open.Count >= MaxOpenCartsPerUser)
            {
                open.RemoveAt(0);
            }

            var cart = new Cart("cart_" + Guid.NewGuid().ToString("N"));
            open.Add(cart);
            return cart;
        }

        public Cart? Find(string id) => open.Find(cart => cart.Id == id);

        public Cart? Current() => open.Count > 0 ? open[^1] : null;

        public void Remove(Cart cart) => open.Remove(cart);

        public void Reopen(CartSnapshot snapshot)
        {
            var cart = new Cart(snapshot.CartId);
            cart.Lines.AddRange(snapshot.Items);
            open.Add(cart);
        }
    }
}
