namespace LoadTest.Runtime.Capacity;

/// <summary>The infrastructure behind the API, as the capacity-plan input describes it.</summary>
public sealed record Topology
{
    public int Pods { get; init; } = 1;

    /// <summary>CPU cores requested per pod (Kubernetes requests.cpu).</summary>
    public double PodCpu { get; init; } = 1;

    /// <summary>Memory requested per pod in GiB (requests.memory).</summary>
    public double PodMemoryGib { get; init; } = 2;

    /// <summary>Node instance type the pods run on (catalog sku), e.g. m5.xlarge.</summary>
    public string? NodeSku { get; init; }

    /// <summary>CPU milliseconds one request costs, when measured; lets the analysis compute a CPU ceiling.</summary>
    public double? CpuMsPerRequest { get; init; }

    public AutoscalerSettings? Autoscaler { get; init; }

    public DatabaseTopology? Database { get; init; }

    public CacheTopology? Cache { get; init; }
}

public sealed record AutoscalerSettings(int Min, int Max, double TargetCpu);

public sealed record DatabaseTopology
{
    /// <summary>Instance class (catalog sku), e.g. db.r5.large.</summary>
    public string InstanceClass { get; init; } = "db.r5.large";

    public string Engine { get; init; } = "postgresql";

    /// <summary>single-az or multi-az.</summary>
    public string Deployment { get; init; } = "single-az";

    public int MaxConnections { get; init; } = 100;

    /// <summary>Connection pool size in each API pod.</summary>
    public int PoolSizePerPod { get; init; } = 20;

    public int ReadReplicas { get; init; }

    /// <summary>
    /// Time one query holds a connection, when known; else the low-load response time of a request is used (an upper
    /// bound). A request holds its connection for its queries × this.
    /// </summary>
    public double? ConnectionHoldMs { get; init; }

    /// <summary>
    /// Queries (connection holds) per request of each endpoint, keyed "METHOD /path" (<c>{id}</c> and <c>:id</c> match
    /// any parameter), e.g. <c>{"POST /api/orders/create": 2, "POST /api/auth/login": 0}</c>. With the measured request
    /// mix it gives the pool's real demand, so a saturated pool reads ≈ 100 % in use.
    /// </summary>
    public IReadOnlyDictionary<string, double>? QueriesPerRequest { get; init; }

    /// <summary>Queries per request of endpoints not listed in <see cref="QueriesPerRequest"/> (default 1).</summary>
    public double DefaultQueriesPerRequest { get; init; } = 1;

    /// <summary>
    /// The API's Prometheus counter of queries run (default <c>db_queries_total</c>): with scrapes taken before and
    /// after the run (<c>ReportRequest.PrometheusScrapes</c>) its increase over the requests sent is the measured
    /// queries per request, which then replaces <see cref="QueriesPerRequest"/>.
    /// </summary>
    public string QueriesMetric { get; init; } = "db_queries_total";
}

public sealed record CacheTopology
{
    /// <summary>Node type (catalog sku), e.g. cache.r6g.large.</summary>
    public string NodeType { get; init; } = "cache.r6g.large";

    public int Nodes { get; init; } = 1;

    /// <summary>Client connections the application may open to the cache in total, when limited.</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Time a request holds a cache connection, when known.</summary>
    public double? ConnectionHoldMs { get; init; }
}
