using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Reporting;

/// <summary>What to report on and how.</summary>
/// <param name="ResultsPath">A native results directory, or a k6 file (handleSummary JSON, --summary-export JSON,
/// --out json NDJSON, --out csv CSV), or a directory holding such files.</param>
public sealed record ReportRequest(string ResultsPath)
{
    /// <summary>Where report files go; default: the results directory (or the file's directory).</summary>
    public string? OutputDirectory { get; init; }

    public SloLimits Slo { get; init; } = SloLimits.Default;

    /// <summary>Optional capacity-plan input JSON (baseline, topology, growth target, SLOs, headroom).</summary>
    public string? CapacityPlanInputPath { get; init; }

    /// <summary>Optional price catalog replacing the embedded default.</summary>
    public string? PriceCatalogPath { get; init; }

    /// <summary>Optional generated k6 flow script the verification script imports its default function from.</summary>
    public string? FlowScriptPath { get; init; }

    public bool WriteHtml { get; init; } = true;

    /// <summary>
    /// Prometheus text scrapes of the API taken before and after the run (first and last are used): the increase of
    /// the topology's queries counter (<c>db_queries_total</c>) over the requests sent is the pool's measured demand.
    /// </summary>
    public IReadOnlyList<string>? PrometheusScrapes { get; init; }

    /// <summary>What the caller knows about the run (profile, target, time scale); the report adds start, duration and version.</summary>
    public RunFacts? Facts { get; init; }
}

/// <summary>Where the report files were written. Html is null when not written.</summary>
public sealed record ReportPaths(string Markdown, string Json, string? Html)
{
    public string? VerificationScript { get; init; }
    public string? VerificationProfile { get; init; }
}
