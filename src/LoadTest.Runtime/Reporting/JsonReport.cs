using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadTest.Runtime.Reporting;

/// <summary>The report model as JSON (camelCase, enums as strings) for tools and dashboards.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Render(ReportModel model) => JsonSerializer.Serialize(model, Options);
}
