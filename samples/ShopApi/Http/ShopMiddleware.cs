using System.Diagnostics;
using System.Globalization;
using ShopApi.Data;
using ShopApi.Monitoring;

namespace ShopApi.Http;

/// <summary>The two middlewares the shop adds: request metrics by route, and 503 for an exhausted database pool.</summary>
public static class ShopMiddleware
{
    /// <summary>Must run after routing, so the matched route template is known.</summary>
    public static IApplicationBuilder UseRequestMetrics(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var metrics = context.RequestServices.GetRequiredService<HttpRequestMetrics>();
            var started = Stopwatch.GetTimestamp();
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                await next(context);
                status = context.Response.StatusCode;
            }
            finally
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
                metrics.Record(context.Request.Method, route, status, Stopwatch.GetElapsedTime(started));
            }
        });

    /// <summary>Answers 503 "db pool exhausted" with Retry-After instead of letting the exception become a logged 500.</summary>
    public static IApplicationBuilder UseDbPoolExhaustedResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (DbPoolExhaustedException error) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "1";
                var detail = string.Create(CultureInfo.InvariantCulture,
                    $"No database connection became free within {error.Timeout.TotalMilliseconds:0} ms ({error.Operation}). Retry later, or raise SHOP_DB_POOL_SIZE.");
                await Problems.PoolExhausted(detail).ExecuteAsync(context);
            }
        });
}
