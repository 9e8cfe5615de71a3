using ShopApi.Data;
using ShopApi.Monitoring;

namespace ShopApi.Endpoints;

public sealed record UserStats(int Users, IReadOnlyList<UserCounts> Items);

/// <summary>Health, metrics and per-user counts: none touches the database pool, so they answer even when it is saturated.</summary>
public static class OperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats/users", (UserActivity activity) =>
        {
            var users = activity.Snapshot();
            return Results.Ok(new UserStats(users.Count, users));
        }).WithName(ShopOperations.UserStats);
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("health");
        routes.MapGet("/metrics", (SimulatedDatabase database, HttpRequestMetrics requests) =>
            Results.Text(PrometheusText.Render(database, requests), PrometheusText.ContentType)).WithName("metrics");
    }
}
