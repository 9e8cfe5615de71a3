namespace ShopApi;

/// <summary>Operation ids, shared by routes, the OpenAPI document, metrics and the slowdown switch.</summary>
public static class ShopOperations
{
    public const string AuthSignUp = "auth_signup";
    public const string AuthLogin = "auth_login";
    public const string ProductsList = "products_list";
    public const string CartAdd = "cart_add";
    public const string OrdersCreate = "orders_create";
    public const string OrdersGet = "orders_get";
    public const string UserStats = "stats_users";
}
