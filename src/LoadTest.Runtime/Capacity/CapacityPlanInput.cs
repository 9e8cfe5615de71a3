using System.Text.Json;
using System.Text.Json.Serialization;
using LoadTest.Runtime.Analysis;

namespace LoadTest.Runtime.Capacity;

/// <summary>
/// What the capacity plan starts from (a JSON file, camelCase or snake_case keys): today's traffic and topology,
/// the growth expected, the SLOs to hold at that load, and the headroom to keep.
/// </summary>
public sealed record CapacityPlanInput
{
    /// <summary>Sustained production RPS today.</summary>
    public double BaselineRps { get; init; }

    /// <summary>Expected growth (3 = three times today's traffic).</summary>
    public double GrowthFactor { get; init; } = 1;

    /// <summary>Extra capacity above the target, as a share (0.2 = 20 %).</summary>
    public double Headroom { get; init; } = 0.2;

    public PlanSlo Slo { get; init; } = new();

    public string Provider { get; init; } = "aws";

    public string Region { get; init; } = "us-east-1";

    /// <summary>Production topology the plan changes.</summary>
    public Topology Current { get; init; } = new();

    /// <summary>Topology the load test ran against (staging); defaults to <see cref="Current"/>.</summary>
    public Topology? Tested { get; init; }

    /// <summary>Endpoints ("GET /api/orders/:id") a read replica should serve; default: every GET.</summary>
    public IReadOnlyList<string>? ReadHeavyEndpoints { get; init; }

    /// <summary>Autoscaler CPU target for the new setup.</summary>
    public double AutoscalerTargetCpu { get; init; } = 0.65;

    /// <summary>Soak phase length in minutes for the verification script.</summary>
    public double SoakMinutes { get; init; } = 30;

    public double TargetRps => BaselineRps * GrowthFactor;

    public double DesignRps => TargetRps * (1 + Headroom);

    public Topology TestedTopology => Tested ?? Current;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Reads the input; on failure returns null and an LT4010 diagnostic.</summary>
    public static (CapacityPlanInput? Input, AnalysisDiagnostic? Problem) Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            // Accept snake_case keys too (baseline_rps, growth_factor, pool_size_per_pod…): fold them to camelCase.
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var normalised = Normalise(doc.RootElement);
            var input = JsonSerializer.Deserialize<CapacityPlanInput>(normalised, Options);
            if (input is null || input.BaselineRps <= 0)
            {
                return (null, new AnalysisDiagnostic(DiagnosticCodes.UnreadableCapacityInput, DiagnosticSeverity.Error, path, null,
                    "The capacity-plan input has no positive baselineRps.", "Set baselineRps to today's sustained production RPS."));
            }
            return (input, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException or InvalidOperationException)
        {
            var line = ex is JsonException { LineNumber: { } l } ? (int)l + 1 : (int?)null;
            return (null, new AnalysisDiagnostic(DiagnosticCodes.UnreadableCapacityInput, DiagnosticSeverity.Error, path, line,
                $"The capacity-plan input could not be read: {ex.Message}",
                "See docs/analysis.md for the input shape (baselineRps, growthFactor, headroom, slo, current topology)."));
        }
    }

    private static string Normalise(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject())
                {
                    var name = Camel(p.Name);
                    writer.WritePropertyName(name);
                    // Its keys are endpoints ("GET /api/user_profiles/{id}"), not settings: they stay as written.
                    if (name == "queriesPerRequest") p.Value.WriteTo(writer);
                    else Write(writer, p.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string Camel(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal)) return name;
        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

/// <summary>SLOs the plan must hold at the target load (stricter than the test's limits, typically).</summary>
public sealed record PlanSlo
{
    public double P95Ms { get; init; } = 500;

    public double P99Ms { get; init; } = 1500;

    public double ErrorRate { get; init; } = 0.01;
}
