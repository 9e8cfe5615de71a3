using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Model;

/// <summary>
/// A JSON-Schema-like description of a value with the constraints payload generation must honour.
/// A schema that names a component (<see cref="RefName"/>) is resolved through <see cref="ApiModel.Schemas"/>,
/// which keeps recursive types finite.
/// </summary>
public sealed record SchemaModel
{
    /// <summary>string, integer, number, boolean, object, array, null; null when untyped (any).</summary>
    public string? Type { get; init; }
    public string? Format { get; init; }
    public string? RefName { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public bool Nullable { get; init; }
    public bool ReadOnly { get; init; }
    public bool WriteOnly { get; init; }

    public IReadOnlyList<JsonNode?> Enum { get; init; } = [];
    public JsonNode? Const { get; init; }
    public JsonNode? Default { get; init; }
    public IReadOnlyList<JsonNode?> Examples { get; init; } = [];

    public decimal? Minimum { get; init; }
    public decimal? Maximum { get; init; }
    public decimal? ExclusiveMinimum { get; init; }
    public decimal? ExclusiveMaximum { get; init; }
    public decimal? MultipleOf { get; init; }

    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }

    public SchemaModel? Items { get; init; }
    /// <summary>Tuple members (prefixItems / TypeScript tuples).</summary>
    public IReadOnlyList<SchemaModel> PrefixItems { get; init; } = [];
    public int? MinItems { get; init; }
    public int? MaxItems { get; init; }
    public bool UniqueItems { get; init; }

    public IReadOnlyDictionary<string, SchemaModel> Properties { get; init; } = new Dictionary<string, SchemaModel>();
    public IReadOnlyList<string> Required { get; init; } = [];
    /// <summary>Schema of extra members (a Record&lt;string, T&gt; or additionalProperties); null: none declared.</summary>
    public SchemaModel? AdditionalProperties { get; init; }

    public IReadOnlyList<SchemaModel> AllOf { get; init; } = [];
    public IReadOnlyList<SchemaModel> OneOf { get; init; } = [];
    public IReadOnlyList<SchemaModel> AnyOf { get; init; } = [];
    public string? DiscriminatorProperty { get; init; }
    public IReadOnlyDictionary<string, string> DiscriminatorMapping { get; init; } = new Dictionary<string, string>();

    public static SchemaModel Ref(string name) => new() { RefName = name };
    public static SchemaModel Of(string type, string? format = null) => new() { Type = type, Format = format };
}
