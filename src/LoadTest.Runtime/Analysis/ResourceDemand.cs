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

/// <summary>Per-flow resource demand: the measured mix of requests × what each costs (the capacity input's topology).</summary>
public static partial class ResourceDemand
{
    /// <param name="database">The tested database topology (queries per endpoint, hold per query).</param>
    /// <param name="mix">Requests per endpoint ("METHOD name") over the measured part of the run.</param>
    /// <param name="serviceMs">The low-load response time, the hold per query when none is given (an upper bound).</param>
    public static PoolDemand Database(DatabaseTopology database, IReadOnlyList<(string Endpoint, long Requests)> mix, double serviceMs)
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
        var basis = listed.Count == 0
            ? Inv($"{database.DefaultQueriesPerRequest:0.##} query per request assumed, the topology lists no queries_per_request")
            : Inv($"{queries:0.##} queries per request from the measured mix: ") + string.Join(", ", endpoints.Select(e => Inv($"{e.Endpoint} {e.Queries:0.##} × {e.Share:0%}")));
        return new PoolDemand(queries, holdMs, endpoints, basis);
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

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
