using System.Globalization;
using System.Text.Json;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Capacity;

/// <summary>One price: data, not code. Every cost the plan prints names its source and as_of.</summary>
public sealed record PriceRecord(
    string Provider,
    string Service,
    string Sku,
    string? Engine,
    string? Deployment,
    string Region,
    string Unit,
    decimal Price,
    string Currency,
    string Source,
    string AsOf,
    double? Vcpu,
    double? MemoryGib)
{
    public const decimal HoursPerMonth = 730m;

    /// <summary>Price per month (730 hours, AWS's convention) whatever the record's unit.</summary>
    public decimal Monthly => Unit.ToLowerInvariant() switch
    {
        "hour" or "hr" or "hours" => Price * HoursPerMonth,
        "month" or "mo" => Price,
        _ => Price * HoursPerMonth,
    };

    public string Citation => string.Create(CultureInfo.InvariantCulture, $"{Sku} {Price} {Currency}/{Unit}, {Source}, as of {AsOf}");
}

/// <summary>
/// The price catalog: the embedded default (Capacity/Catalog/default-prices.json) or a user file of the same
/// shape ({"prices":[...]} or a bare array). Lookups never throw; a missing price is a diagnostic.
/// </summary>
public sealed class PriceCatalog
{
    public const string DefaultResourceName = "LoadTest.Runtime.Capacity.Catalog.default-prices.json";

    public PriceCatalog(IReadOnlyList<PriceRecord> prices, string origin)
    {
        Prices = prices;
        Origin = origin;
    }

    public IReadOnlyList<PriceRecord> Prices { get; }

    /// <summary>Where the catalog came from (embedded default or a file path).</summary>
    public string Origin { get; }

    public PriceRecord? Find(string service, string sku, string provider, string region, string? engine = null, string? deployment = null) =>
        Prices.FirstOrDefault(p => Eq(p.Service, service) && Eq(p.Sku, sku) && Eq(p.Provider, provider) && Eq(p.Region, region)
                                   && (engine is null || p.Engine is null || Eq(p.Engine, engine))
                                   && (deployment is null || p.Deployment is null || Eq(p.Deployment, deployment)));

    /// <summary>The next larger size in the same family (db.r5.large → db.r5.xlarge) that the catalog prices.</summary>
    public PriceRecord? NextSize(string service, string sku, string provider, string region, string? engine = null, string? deployment = null, int steps = 1)
    {
        var (family, size) = SplitSku(sku);
        var rank = SizeRank(size);
        return Prices
            .Where(p => Eq(p.Service, service) && Eq(p.Provider, provider) && Eq(p.Region, region)
                        && (engine is null || p.Engine is null || Eq(p.Engine, engine))
                        && (deployment is null || p.Deployment is null || Eq(p.Deployment, deployment)))
            .Select(p => (Record: p, Split: SplitSku(p.Sku)))
            .Where(x => Eq(x.Split.Family, family) && SizeRank(x.Split.Size) > rank)
            .OrderBy(x => SizeRank(x.Split.Size))
            .Select(x => x.Record)
            .Skip(Math.Max(0, steps - 1))
            .FirstOrDefault();
    }

    public static PriceCatalog LoadDefault()
    {
        using var stream = typeof(PriceCatalog).Assembly.GetManifestResourceStream(DefaultResourceName);
        if (stream is null) return new PriceCatalog([], "embedded default (missing from the assembly)");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "embedded default catalog");
    }

    /// <summary>Loads a user catalog; on failure returns the default catalog and a diagnostic.</summary>
    public static (PriceCatalog Catalog, AnalysisDiagnostic? Problem) Load(string? path)
    {
        if (path is null) return (LoadDefault(), null);
        try
        {
            return (Parse(File.ReadAllText(path), path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? (int)l + 1 : (int?)null;
            return (LoadDefault(), new AnalysisDiagnostic(DiagnosticCodes.UnreadablePriceCatalog, DiagnosticSeverity.Error, path, line,
                $"The price catalog could not be read ({ex.Message}); the embedded default catalog was used instead.",
                "Give a JSON array (or {\"prices\":[...]}) of {provider, service, sku, engine?, deployment?, region, unit, price, currency, source, as_of}."));
        }
    }

    public static PriceCatalog Parse(string json, string origin)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var array = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("prices");
        var prices = new List<PriceRecord>();
        foreach (var e in array.EnumerateArray())
        {
            prices.Add(new PriceRecord(
                Required(e, "provider"), Required(e, "service"), Required(e, "sku"),
                Optional(e, "engine"), Optional(e, "deployment"),
                Required(e, "region"), Required(e, "unit"),
                e.GetProperty("price").GetDecimal(),
                Required(e, "currency"), Required(e, "source"), Required(e, "as_of"),
                e.TryGetProperty("vcpu", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null,
                e.TryGetProperty("memory_gib", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetDouble() : null));
        }
        return new PriceCatalog(prices, origin);
    }

    private static string Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"a price record lacks the text field \"{name}\"");

    private static string? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static (string Family, string Size) SplitSku(string sku)
    {
        var dot = sku.LastIndexOf('.');
        return dot < 0 ? (sku, "") : (sku[..dot], sku[(dot + 1)..]);
    }

    // nano < micro < small < medium < large < xlarge < 2xlarge < 4xlarge < ... (cloud size names).
    internal static int SizeRank(string size)
    {
        string[] named = ["nano", "micro", "small", "medium", "large", "xlarge"];
        var index = Array.IndexOf(named, size.ToLowerInvariant());
        if (index >= 0) return index;
        if (size.EndsWith("xlarge", StringComparison.OrdinalIgnoreCase) &&
            int.TryParse(size[..^"xlarge".Length], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return named.Length - 1 + n;
        }
        return -1;
    }
}
