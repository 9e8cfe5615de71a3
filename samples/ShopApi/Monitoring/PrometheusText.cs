using System.Globalization;
using System.Text;
using ShopApi.Data;

namespace ShopApi.Monitoring;

/// <summary>Renders the shop's metrics in the Prometheus text exposition format 0.0.4.</summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(SimulatedDatabase database, HttpRequestMetrics requests)
    {
        var text = new StringBuilder();
        Metric(text, "db_pool_size", "gauge", "Connections in the simulated database pool.", database.PoolSize);
        Metric(text, "db_pool_in_use", "gauge", "Connections currently held by a query.", database.InUse);
        Metric(text, "db_pool_pending", "gauge", "Requests waiting for a free connection.", database.Pending);
        Metric(text, "db_queries_total", "counter", "Queries completed; each held a connection for the query service time.", database.QueriesTotal);
        Metric(text, "db_pool_timeouts_total", "counter", "Requests that waited longer than the pool timeout and got 503.", database.TimeoutsTotal);

        Header(text, "db_pool_wait_seconds", "summary", "Time spent waiting for a connection.");
        Sample(text, "db_pool_wait_seconds_sum", "", database.WaitTotal.TotalSeconds);
        Sample(text, "db_pool_wait_seconds_count", "", database.AcquisitionsTotal + database.TimeoutsTotal);

        var snapshot = requests.Snapshot();
        Header(text, "http_requests_total", "counter", "HTTP requests handled, by method, route template and status code.");
        foreach (var (key, stats) in snapshot)
        {
            Sample(text, "http_requests_total", Labels(key, withStatus: true), stats.Count);
        }

        Header(text, "http_request_duration_seconds", "summary", "Time to handle HTTP requests, by method and route template.");
        foreach (var group in snapshot.GroupBy(pair => (pair.Key.Method, pair.Key.Route)))
        {
            var labels = Labels(group.First().Key, withStatus: false);
            Sample(text, "http_request_duration_seconds_sum", labels, group.Sum(pair => pair.Value.DurationSecondsSum));
            Sample(text, "http_request_duration_seconds_count", labels, group.Sum(pair => pair.Value.Count));
        }

        return text.ToString();
    }

    private static void Metric(StringBuilder text, string name, string type, string help, double value)
    {
        Header(text, name, type, help);
        Sample(text, name, "", value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string labels, double value) =>
        text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    private static string Labels(RequestKey key, bool withStatus) =>
        withStatus
            ? $"{{method=\"{Escape(key.Method)}\",route=\"{Escape(key.Route)}\",status=\"{key.Status.ToString(CultureInfo.InvariantCulture)}\"}}"
            : $"{{method=\"{Escape(key.Method)}\",route=\"{Escape(key.Route)}\"}}";

    // The exposition format escapes backslash, double quote and line feed in label values.
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
