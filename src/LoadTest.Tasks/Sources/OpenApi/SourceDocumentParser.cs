using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Turns JSON or YAML text into a <see cref="SourceDocument"/>. Our own front end (rather than the library's) because
/// we need a line for every pointer, and a tree we can bundle external references into.
/// </summary>
internal static class SourceDocumentParser
{
    /// <summary>Deeper nesting than this is not a real API description; stopping here keeps recursion bounded.</summary>
    public const int MaxDepth = 200;

    private const int MaxIndexedPositions = 5_000_000;

    public static SourceDocument? Parse(string path, string text, List<SourceDiagnostic> diagnostics)
    {
        var firstChar = text.AsSpan().TrimStart().TrimStart('\uFEFF');
        return firstChar.Length > 0 && firstChar[0] is '{' or '['
            ? ParseJson(path, text, diagnostics)
            : ParseYaml(path, text, diagnostics);
    }

    private static SourceDocument? ParseJson(string path, string text, List<SourceDiagnostic> diagnostics)
    {
        var bytes = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        try
        {
            var root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                MaxDepth = MaxDepth,
            });
            Materialize(root);
            return new SourceDocument(
                path,
                root,
                JsonPositionIndex.Build(bytes, SourceDocument.EagerDepth),
                () => JsonPositionIndex.Build(bytes, MaxDepth),
                text);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // JsonObject builds its members lazily and rejects duplicate names only then.
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.SyntaxError,
                $"The JSON cannot be read as a document: {FirstSentence(ex.Message)}",
                new SourceLocation(path, 1, 1),
                "Remove duplicate member names; each key may appear once per object."));
            return null;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.SyntaxError,
                $"The file is not valid JSON: {FirstSentence(ex.Message)}",
                new SourceLocation(path, line, column),
                "Fix the JSON at that line (a missing comma, quote or bracket, or a truncated file)."));
            return null;
        }
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    private static SourceDocument? ParseYaml(string path, string text, List<SourceDiagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception ex)
        {
            // SharpYaml reports syntax problems as YamlException with a mark; anything else it throws is still a syntax problem.
            var (line, column) = ex is SharpYaml.YamlException yamlEx ? (yamlEx.Start.Line + 1, yamlEx.Start.Column + 1) : (1, 1);
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.SyntaxError,
                $"The file is not valid YAML: {FirstSentence(ex.Message)}",
                new SourceLocation(path, Math.Max(line, 1), Math.Max(column, 1)),
                "Fix the YAML at that line (indentation, an unclosed quote or bracket, or a truncated file)."));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return new SourceDocument(path, null, new Dictionary<string, (int, int)>(), () => new Dictionary<string, (int, int)>(), text);
        }

        var positions = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        IndexPositions(stream.Documents[0].RootNode, "", positions, 0, SourceDocument.EagerDepth);
        try
        {
            // The library's own YAML-to-JSON conversion, so the tree has exactly the scalar typing it expects.
            var root = YamlConverter.ToJsonNode(stream.Documents[0].RootNode);
            return new SourceDocument(path, root, positions, () => IndexYaml(text), text);
        }
        catch (Exception ex)
        {
            // Raised for documents past the converter's depth, node-count or alias-expansion limits.
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.TooDeep,
                $"The YAML is too large or too deeply nested to read: {FirstSentence(ex.Message)}",
                new SourceLocation(path, 1, 1),
                "Flatten the structure or remove self-referencing or exploding YAML aliases."));
            return null;
        }
    }

    /// <summary>The full index, built again from the text when a finding needs a deep pointer (rare, so not kept from the start).</summary>
    private static IReadOnlyDictionary<string, (int Line, int Column)> IndexYaml(string text)
    {
        var positions = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count > 0)
        {
            IndexPositions(stream.Documents[0].RootNode, "", positions, 0, MaxDepth);
        }

        return positions;
    }

    /// <summary>Records the line of each pointer down to <paramref name="maxDepth"/>; bounded in count so aliases cannot make it run away.</summary>
    private static void IndexPositions(YamlNode node, string pointer, Dictionary<string, (int Line, int Column)> positions, int depth, int maxDepth)
    {
        if (depth > maxDepth || positions.Count > MaxIndexedPositions)
        {
            return;
        }

        positions.TryAdd(pointer, (node.Start.Line + 1, node.Start.Column + 1));
        switch (node)
        {
            case YamlMappingNode mapping when depth < maxDepth:
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : keyNode.ToString() ?? "";
                    var childPointer = JsonPointer.Append(pointer, key);
                    // The key's line is where a reader looks for "post:" or "/orders:".
                    positions.TryAdd(childPointer, (keyNode.Start.Line + 1, keyNode.Start.Column + 1));
                    IndexPositions(valueNode, childPointer, positions, depth + 1, maxDepth);
                }

                break;
            case YamlSequenceNode sequence when depth < maxDepth:
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    IndexPositions(item, pointer + "/" + index.ToString(CultureInfo.InvariantCulture), positions, depth + 1, maxDepth);
                    index++;
                }

                break;
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}

/// <summary>Line and column (1-based) of every JSON pointer in a JSON text, from one forward pass of the reader.</summary>
internal static class JsonPositionIndex
{
    /// <summary>Indexes pointers of at most <paramref name="maxDepth"/> segments; deeper members are skipped without building their names.</summary>
    public static IReadOnlyDictionary<string, (int Line, int Column)> Build(byte[] utf8, int maxDepth)
    {
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        var positions = new Dictionary<string, (int Line, int Column)>(StringComparer.Ordinal);
        var frames = new Stack<(string? Pointer, bool IsArray, int NextIndex)>();
        string? propertyPointer = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = SourceDocumentParser.MaxDepth });

        (int, int) PositionOf(long offset)
        {
            var line = lineStarts.BinarySearch((int)offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return (line + 1, (int)offset - lineStarts[line] + 1);
        }

        // A child of the top frame has frames.Count segments; past maxDepth its pointer is not built (null).
        string? NextValuePointer()
        {
            if (frames.Count == 0)
            {
                return "";
            }

            var top = frames.Pop();
            frames.Push(top with { NextIndex = top.IsArray ? top.NextIndex + 1 : top.NextIndex });
            if (!top.IsArray)
            {
                return propertyPointer;
            }

            return top.Pointer is null || frames.Count > maxDepth
                ? null
                : top.Pointer + "/" + top.NextIndex.ToString(CultureInfo.InvariantCulture);
        }

        void Record(string? pointer, long offset)
        {
            if (pointer is not null)
            {
                positions.TryAdd(pointer, PositionOf(offset));
            }
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var parent = frames.Count > 0 ? frames.Peek().Pointer : "";
                    propertyPointer = parent is null || frames.Count > maxDepth ? null : JsonPointer.Append(parent, reader.GetString() ?? "");
                    Record(propertyPointer, reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var container = NextValuePointer();
                    Record(container, reader.TokenStartIndex);
                    frames.Push((container, reader.TokenType == JsonTokenType.StartArray, 0));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                default:
                    Record(NextValuePointer(), reader.TokenStartIndex);
                    break;
            }
        }

        return positions;
    }
}
