using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using SharpYaml;
using SharpYaml.Events;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Builds the <see cref="JsonNode"/> tree of a YAML document straight from the parser's events, recording the line of
/// each pointer on the way. One pass instead of SharpYaml's representation model plus the library's conversion (three
/// times the work on a large document). Scalars are typed as the library's own YAML reader types them: plain scalars
/// that parse as a number or true/false become those, ~/null become its null sentinel, everything else is a string.
/// </summary>
internal sealed class YamlTreeBuilder
{
    /// <summary>Aliases copy their anchor's tree; this many nodes at most, so an alias bomb is an error, not an OOM.</summary>
    private const int MaxNodes = 5_000_000;

    private static readonly HashSet<string> NullScalars = new(StringComparer.Ordinal) { "~", "null", "Null", "NULL" };

    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Frame> _frames = new();
    private readonly int _indexDepth;
    private int _nodes;

    private YamlTreeBuilder(int indexDepth) => _indexDepth = indexDepth;

    public IReadOnlyDictionary<string, (int Line, int Column)> Positions => _positions;

    /// <summary>Builds the first document of <paramref name="text"/>; pointers deeper than <paramref name="indexDepth"/> get no position.</summary>
    /// <exception cref="YamlException">Invalid YAML, or a key that is not a scalar.</exception>
    /// <exception cref="DocumentLimitException">Too deep or too many nodes.</exception>
    public static (JsonNode? Root, IReadOnlyDictionary<string, (int Line, int Column)> Positions, bool Empty) Build(string text, int indexDepth)
    {
        var builder = new YamlTreeBuilder(indexDepth);
        var (root, empty) = builder.Run(Parser.CreateParser(new StringReader(text)));
        return (root, builder.Positions, empty);
    }

    private (JsonNode? Root, bool Empty) Run(IParser parser)
    {
        JsonNode? root = null;
        var seenDocument = false;
        while (parser.MoveNext())
        {
            var current = parser.Current;
            switch (current)
            {
                case DocumentStart when seenDocument:
                    return (root, false);
                case DocumentStart:
                    seenDocument = true;
                    break;
                case MappingStart or SequenceStart:
                    var container = current is MappingStart ? (JsonNode)new JsonObject() : new JsonArray();
                    var pointer = Attach(container, current, ref root);
                    Remember((NodeEvent)current, container);
                    if (_frames.Count >= SourceDocumentParser.MaxDepth)
                    {
                        throw new DocumentLimitException(current.Start, $"The document nests deeper than {SourceDocumentParser.MaxDepth} levels.");
                    }

                    _frames.Push(new Frame(container, pointer));
                    break;
                case MappingEnd or SequenceEnd:
                    _frames.Pop();
                    break;
                case Scalar scalar when _frames.TryPeek(out var top) && top.Container is JsonObject mapping && top.PendingKey is null:
                    top.PendingKey = scalar.Value ?? "";
                    if (mapping.ContainsKey(top.PendingKey))
                    {
                        // YAML requires unique keys; keeping the last one silently would drop part of the API.
                        throw new YamlException(current.Start, current.End, $"The key '{SourceDocumentParser.ShortName(top.PendingKey)}' appears twice in the same mapping; each key may appear once.");
                    }

                    top.PendingKeyPointer = top.Pointer is null || _frames.Count > _indexDepth ? null : JsonPointer.Append(top.Pointer, top.PendingKey);
                    Record(top.PendingKeyPointer, current.Start);
                    break;
                case Scalar scalar:
                    var value = TypedValue(scalar);
                    Attach(value, current, ref root);
                    Remember(scalar, value);
                    break;
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value, out var anchored))
                    {
                        throw new YamlException(current.Start, current.End, $"The alias *{alias.Value} names no anchor.");
                    }

                    Attach(Copy(anchored, current), current, ref root);
                    break;
            }
        }

        return (root, !seenDocument);
    }

    /// <summary>Puts a node under the current container and returns its pointer (null when past the indexed depth).</summary>
    private string? Attach(JsonNode? node, ParsingEvent at, ref JsonNode? root)
    {
        if (++_nodes > MaxNodes)
        {
            throw new DocumentLimitException(at.Start, $"The document expands to more than {MaxNodes} nodes (an alias bomb?).");
        }

        if (!_frames.TryPeek(out var top))
        {
            root = node;
            Record("", at.Start);
            return "";
        }

        if (top.Container is JsonObject obj)
        {
            if (top.PendingKey is null)
            {
                throw new YamlException(at.Start, at.End, "A mapping key is not a plain value (complex keys cannot be read as JSON).");
            }

            obj[top.PendingKey] = node;
            var pointer = top.PendingKeyPointer;
            top.PendingKey = null;
            top.PendingKeyPointer = null;
            return pointer;
        }

        var array = (JsonArray)top.Container;
        array.Add(node);
        var itemPointer = top.Pointer is null || _frames.Count > _indexDepth
            ? null
            : top.Pointer + "/" + (array.Count - 1).ToString(CultureInfo.InvariantCulture);
        Record(itemPointer, at.Start);
        return itemPointer;
    }

    private void Remember(NodeEvent nodeEvent, JsonNode? node)
    {
        if (!string.IsNullOrEmpty(nodeEvent.Anchor))
        {
            _anchors[nodeEvent.Anchor] = node;
        }
    }

    private JsonNode? Copy(JsonNode? anchored, ParsingEvent at)
    {
        var copy = anchored?.DeepClone();
        _nodes += CountNodes(copy, at);
        return copy;
    }

    private int CountNodes(JsonNode? node, ParsingEvent at)
    {
        var count = 1;
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                count += CountNodes(child, at);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                count += CountNodes(child, at);
            }
        }

        if (_nodes + count > MaxNodes)
        {
            throw new DocumentLimitException(at.Start, $"The document expands to more than {MaxNodes} nodes (an alias bomb?).");
        }

        return count;
    }

    private void Record(string? pointer, Mark mark)
    {
        if (pointer is not null)
        {
            _positions.TryAdd(pointer, (mark.Line + 1, mark.Column + 1));
        }
    }

    private static JsonNode? TypedValue(Scalar scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return NullScalars.Contains(text) ? JsonNullSentinel.JsonNull.DeepClone() : JsonValue.Create(text);
    }

    private sealed class Frame(JsonNode container, string? pointer)
    {
        public JsonNode Container { get; } = container;
        public string? Pointer { get; } = pointer;
        public string? PendingKey { get; set; }
        public string? PendingKeyPointer { get; set; }
    }
}

/// <summary>The document is beyond what is read safely (nesting depth, node count after alias expansion).</summary>
internal sealed class DocumentLimitException(Mark start, string message) : Exception(message)
{
    public int Line { get; } = start.Line + 1;
}
