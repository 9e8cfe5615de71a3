using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;
using SharpYaml;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Turns JSON or YAML text into a <see cref="SourceDocument"/>. Our own front end (rather than the library's) because
/// we need a line for every pointer, and a tree we can bundle external references into.
/// </summary>
internal static class SourceDocumentParser
{
    /// <summary>Deeper nesting than this is not a real API description; stopping here keeps recursion bounded.</summary>
    public const int MaxDepth = 200;

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
            // JsonObject builds its members lazily and rejects duplicate names only then, without a position.
            var repeated = JsonPositionIndex.FirstRepeatedMember(bytes);
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.SyntaxError,
                repeated is { } at
                    ? $"The member '{ShortName(at.Name)}' appears twice in the same object; each name may appear once."
                    : $"The JSON cannot be read as a document: {FirstSentence(ex.Message)}",
                new SourceLocation(path, repeated?.Line ?? 1, repeated?.Column ?? 1),
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
        try
        {
            var (root, positions, empty) = YamlTreeBuilder.Build(text, SourceDocument.EagerDepth);
            return new SourceDocument(
                path,
                empty ? null : root,
                positions,
                () => YamlTreeBuilder.Build(text, MaxDepth).Positions,
                text);
        }
        catch (DocumentLimitException limit)
        {
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.TooDeep,
                limit.Message,
                new SourceLocation(path, limit.Line, 1),
                "Flatten the structure or remove self-referencing or exploding YAML aliases."));
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // SharpYaml reports syntax problems as YamlException with a mark; anything else it throws is still a syntax problem.
            var (line, column) = ex is YamlException yamlEx ? (yamlEx.Start.Line + 1, yamlEx.Start.Column + 1) : (1, 1);
            diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.SyntaxError,
                $"The file is not valid YAML: {FirstSentence(ex.Message)}",
                new SourceLocation(path, Math.Max(line, 1), Math.Max(column, 1)),
                "Fix the YAML at that line (indentation, an unclosed quote or bracket, a key given twice, or a truncated file)."));
            return null;
        }
    }

    /// <summary>A key as quoted in a message: spec text, so bounded.</summary>
    internal static string ShortName(string key) => key.Length > 80 ? key[..80] + "…" : key;

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
    public static IReadOnlyDictionary<string, (int Line, int Column)> Build(byte[] utf8, int maxDepth) => Index(utf8, maxDepth).Positions;

    /// <summary>The first member whose name its object already has, with its position; null when every name is unique.</summary>
    public static (string Name, int Line, int Column)? FirstRepeatedMember(byte[] utf8) => Index(utf8, SourceDocumentParser.MaxDepth).Repeated;

    private static (Dictionary<string, (int Line, int Column)> Positions, (string Name, int Line, int Column)? Repeated) Index(byte[] utf8, int maxDepth)
    {
        (string Name, int Line, int Column)? repeated = null;
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
                    if (repeated is null && propertyPointer is not null && positions.ContainsKey(propertyPointer))
                    {
                        var (line, column) = PositionOf(reader.TokenStartIndex);
                        repeated = (reader.GetString() ?? "", line, column);
                    }

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

        return (positions, repeated);
    }
}
