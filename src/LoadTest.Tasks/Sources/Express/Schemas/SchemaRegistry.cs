using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.Express.Schemas;

/// <summary>
/// The named schemas of the model (<see cref="ApiModel.Schemas"/>). A declaration is registered before its members are
/// read, so a recursive type refers to itself by name instead of recursing forever.
/// </summary>
internal sealed class SchemaRegistry
{
    private readonly Dictionary<(string File, string Name), string> _names = [];

    public Dictionary<string, SchemaModel> Components { get; } = new(StringComparer.Ordinal);

    /// <summary>The component name of (file, declaration), when it was registered already.</summary>
    public string? Find(string file, string name) => _names.TryGetValue((file, name), out var component) ? component : null;

    /// <summary>Reserves a unique component name for a declaration (Foo, then Foo2… when two files declare Foo).</summary>
    public string Reserve(string file, string name)
    {
        var component = name;
        for (var i = 2; Components.ContainsKey(component); i++)
        {
            component = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _names[(file, name)] = component;
        Components[component] = new SchemaModel();
        return component;
    }

    public void Set(string component, SchemaModel schema) => Components[component] = schema;

    /// <summary>Follows references (bounded) to the schema they name.</summary>
    public SchemaModel Resolve(SchemaModel schema)
    {
        for (var i = 0; i < 16 && schema.RefName is { } name && Components.TryGetValue(name, out var target); i++)
        {
            schema = target;
        }

        return schema;
    }
}
