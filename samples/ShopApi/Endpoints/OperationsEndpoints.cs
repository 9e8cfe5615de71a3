using ShopApi.Data;
using ShopApi.Monitoring;

namespace ShopApi.Endpoints;

/// <summary>Health and metrics: neither touches the database pool, so they answer even when it is saturated.</summary>
public static class OperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" })).WithName("health");
        routes.MapGet("/metrics", (SimulatedDatabase database, HttpRequestMetrics requests) =>
            Results.Text(PrometheusText.Render(database, requests), PrometheusText.ContentType)).WithName("metrics");
    }
}
