using System.Globalization;
using System.Text;

namespace LoadTest.Runtime.Tests.Baselines;

/// <summary>Hand-written k6 handleSummary JSON: a global series and per-operation sub-metrics.</summary>
internal sealed record Op(string Name, double P95, double P99, double Avg, long Requests, double ErrorRate = 0);

internal static class SummaryJson
{
    public const double Seconds = 60;

    /// <summary>Global figures are the request-weighted operations; per-operation counts and failures are included.</summary>
    public static string Of(params Op[] operations) => Build(operations, perOperationCounts: true);

    /// <summary>Like the engine writes it without enrichment: per-operation latency sub-metrics only.</summary>
    public static string LatencyOnly(params Op[] operations) => Build(operations, perOperationCounts: false);

    private static string Build(Op[] operations, bool perOperationCounts)
    {
        var total = operations.Sum(o => o.Requests);
        var failed = operations.Sum(o => o.Requests * o.ErrorRate);
        var metrics = new List<string>
        {
            Trend("http_req_duration", operations.Max(o => o.P95), operations.Max(o => o.P99),
                operations.Sum(o => o.Avg * o.Requests) / Math.Max(total, 1)),
            Counter("http_reqs", total),
            Rate("http_req_failed", total, failed),
            // Series split by other tags are not operations and must be ignored.
            Trend("http_req_duration{expected_response:true}", 1, 1, 1),
        };
        foreach (var op in operations)
        {
            metrics.Add(Trend($"http_req_duration{{name:{op.Name}}}", op.P95, op.P99, op.Avg));
            if (!perOperationCounts) continue;
            metrics.Add(Counter($"http_reqs{{name:{op.Name}}}", op.Requests));
            metrics.Add(Rate($"http_req_failed{{name:{op.Name}}}", op.Requests, op.Requests * op.ErrorRate));
        }
        return new StringBuilder()
            .Append("{\"root_group\":{\"name\":\"\",\"path\":\"\",\"groups\":[],\"checks\":[]},")
            .Append("\"state\":{\"testRunDurationMs\":").Append(N(Seconds * 1000)).Append("},")
            .Append("\"metrics\":{").Append(string.Join(",", metrics)).Append("}}")
            .ToString();
    }

    private static string Trend(string key, double p95, double p99, double avg) =>
        $"\"{key}\":{{\"type\":\"trend\",\"contains\":\"time\",\"values\":{{\"avg\":{N(avg)},\"min\":1,\"med\":{N(avg)},\"max\":{N(p99 * 1.5)},\"p(90)\":{N(p95 * 0.9)},\"p(95)\":{N(p95)},\"p(99)\":{N(p99)}}}}}";

    private static string Counter(string key, long count) =>
        $"\"{key}\":{{\"type\":\"counter\",\"contains\":\"default\",\"values\":{{\"count\":{count},\"rate\":{N(count / Seconds)}}}}}";

    private static string Rate(string key, long requests, double failed) =>
        $"\"{key}\":{{\"type\":\"rate\",\"contains\":\"default\",\"values\":{{\"rate\":{N(requests == 0 ? 0 : failed / requests)},\"passes\":{N(Math.Round(failed))},\"fails\":{N(requests - Math.Round(failed))}}}}}";

    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
