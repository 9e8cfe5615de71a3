using System.Globalization;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Runtime.Analysis;

/// <summary>One endpoint's share of the measured requests and the connection holds (queries) each of its requests makes.</summary>
public sealed record EndpointDemand(string Endpoint, double Share, double Queries);

/// <summary>
/// What one request costs the database pool on average, from the measured request mix and the queries per endpoint:
/// connection milliseconds per request = Σ share × queries × hold per query.
/// </summary>
public sealed record PoolDemand(double QueriesPerRequest, double HoldMsPerQuery, IReadOnlyList<EndpointDemand> Endpoints, string Basis)
{
    public double MsPerRequest => QueriesPerRequest * HoldMsPerQuery;
}

/// <summary>Queries per request measured on the API itself (a Prometheus counter's increase over the requests sent).</summary>
public sealed record MeasuredQueries(double PerRequest, string Basis);

/// <summary>Per-flow resource demand: the measured mix of requests × what each costs (the capacity input's topology, or the API's own counters).</summary>
public static partial class ResourceDemand
{
    /// <param name="database">The tested database topology (queries per endpoint, hold per query).</param>
    /// <param name="mix">Requests per endpoint ("METHOD name") over the measured part of the run.</param>
    /// <param name="serviceMs">The low-load response time, the hold per query when none is given (an upper bound).</param>
    /// <param name="measured">Queries per request read from the API's metrics; when given it wins over the topology's list.</param>
    public static PoolDemand Database(DatabaseTopology database, IReadOnlyList<(string Endpoint, long Requests)> mix, double serviceMs, MeasuredQueries? measured = null)
    {
        var total = mix.Sum(m => m.Requests);
        var holdMs = database.ConnectionHoldMs ?? serviceMs;
        var listed = database.QueriesPerRequest ?? new Dictionary<string, double>();
        var endpoints = mix.Where(m => m.Requests > 0)
            .Select(m => new EndpointDemand(m.Endpoint, total > 0 ? (double)m.Requests / total : 0, QueriesOf(listed, m.Endpoint) ?? database.DefaultQueriesPerRequest))
            .OrderByDescending(e => e.Share)
            .ToList();
        var queries = endpoints.Sum(e => e.Share * e.Queries);
        if (endpoints.Count == 0) queries = database.DefaultQueriesPerRequest;
        if (measured is not null) return new PoolDemand(measured.PerRequest, holdMs, endpoints, measured.Basis);
        var basis = listed.Count == 0
            ? Inv($"{database.DefaultQueriesPerRequest:0.##} query per request assumed, the topology lists no queries_per_request")
            : Inv($"{queries:0.##} {Queries(queries)} per request from the measured mix: ") + string.Join(", ", endpoints.Select(e => Inv($"{e.Endpoint} {e.Queries:0.##} × {e.Share:0%}")));
        return new PoolDemand(queries, holdMs, endpoints, basis);
    }

    /// <summary>
    /// Queries per request from two scrapes of the API taken before and after the run: the increase of the queries
    /// counter over the requests the load test sent. Null (with the reason) when the counter is missing or did not grow.
    /// </summary>
    public static (MeasuredQueries? Measured, string? Problem) FromScrapes(Inputs.PrometheusScrape before, Inputs.PrometheusScrape after, string metric, long requestsSent)
    {
        if (before.Total(metric) is not { } from || after.Total(metric) is not { } to)
        {
            return (null, Inv($"the scrapes have no '{metric}' counter"));
        }
        if (to < from || requestsSent <= 0)
        {
            return (null, Inv($"'{metric}' did not grow between the scrapes ({from:0} → {to:0}), or no requests were sent"));
        }
        var perRequest = (to - from) / requestsSent;
        return (new MeasuredQueries(perRequest, Inv($"{perRequest:0.##} {Queries(perRequest)} per request measured: {metric} grew {to - from:0} over the {requestsSent} requests sent")), null);
    }

    /// <summary>The listed queries of an endpoint: method and path compared with every path parameter ({id}, :id) alike.</summary>
    public static double? QueriesOf(IReadOnlyDictionary<string, double> listed, string endpoint)
    {
        var key = Key(endpoint);
        foreach (var (name, queries) in listed)
        {
            if (Key(name) == key) return queries;
        }
        return null;
    }

    private static string Key(string endpoint)
    {
        var text = endpoint.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var method = space > 0 ? text[..space].ToUpperInvariant() : "";
        var path = (space > 0 ? text[(space + 1)..] : text).Trim();
        path = Parameter().Replace(path, "{}").TrimEnd('/');
        return method + " " + path.ToLowerInvariant();
    }

    [GeneratedRegex(@"\{[^}/]*\}|:[A-Za-z_][A-Za-z0-9_]*", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();

    private static string Queries(double count) => Math.Abs(count - 1) < 0.005 ? "query" : "queries";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
