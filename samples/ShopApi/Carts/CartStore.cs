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
/// One open cart per user, as most shops keep it: every cart add of a user goes into that user's cart, and an order
/// takes the whole cart. Virtual users that share one account therefore share (and order) one cart, which is why a
/// load test needs one user per virtual user.
/// </summary>
public sealed class CartStore
{
    private readonly ConcurrentDictionary<string, UserCart> users = new(StringComparer.Ordinal);

    public bool IsOpen(string user, string cartId)
    {
        var carts = CartOf(user);
        lock (carts)
        {
            return carts.Open?.Id == cartId;
        }
    }

    /// <summary>Adds a line to the user's open cart (opened if there is none); null when <paramref name="cartId"/> is not that cart.</summary>
    public CartSnapshot? Add(string user, string? cartId, Product product, string variant, int quantity)
    {
        var carts = CartOf(user);
        lock (carts)
        {
            if (cartId is not null && carts.Open?.Id != cartId)
            {
                return null;
            }

            var cart = carts.Open ??= new Cart("cart_" + Guid.NewGuid().ToString("N"));
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

    /// <summary>Takes the user's open cart (which must be <paramref name="cartId"/> when given) so exactly one order claims it.</summary>
    public CartLookup TryClaim(string user, string? cartId, out CartSnapshot? claimed)
    {
        claimed = null;
        var carts = CartOf(user);
        lock (carts)
        {
            var cart = carts.Open;
            if (cart is null || (cartId is not null && cart.Id != cartId))
            {
                return cartId is null ? CartLookup.Empty : CartLookup.Unknown;
            }

            if (cart.Lines.Count == 0)
            {
                return CartLookup.Empty;
            }

            carts.Open = null;
            claimed = cart.Snapshot();
            return CartLookup.Found;
        }
    }

    /// <summary>Puts a claimed cart back when its order could not be written (the "transaction" rolled back).</summary>
    public void Restore(string user, CartSnapshot snapshot)
    {
        var carts = CartOf(user);
        lock (carts)
        {
            // A cart opened meanwhile keeps its id; the rolled-back lines join it.
            var cart = carts.Open ??= new Cart(snapshot.CartId);
            cart.Lines.InsertRange(0, snapshot.Items);
        }
    }

    private UserCart CartOf(string user) => users.GetOrAdd(user, static _ => new UserCart());

    private sealed class Cart(string id)
    {
        public string Id { get; } = id;
        public List<CartLine> Lines { get; } = [];
        public CartSnapshot Snapshot() => new(Id, Lines.ToArray());
    }

    // Guarded by locking the instance.
    private sealed class UserCart
    {
        public Cart? Open { get; set; }
    }
}
