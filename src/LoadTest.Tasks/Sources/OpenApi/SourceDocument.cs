using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// A JSON or YAML file read into a <see cref="JsonNode"/> tree, with the line and column of JSON pointers so findings
/// about the document can name the line they are about. Pointers down to <see cref="EagerDepth"/> segments (operations
/// are /paths/{path}/{method}) are indexed while parsing; deeper ones only when first asked for, because indexing every
/// node of a multi-megabyte document costs more than reading it.
/// </summary>
internal sealed partial class SourceDocument(
    string path,
    JsonNode? root,
    IReadOnlyDictionary<string, (int Line, int Column)> shallowPositions,
    Func<IReadOnlyDictionary<string, (int Line, int Column)>> buildFullIndex,
    string text)
{
    public const int EagerDepth = 3;

    private IReadOnlyDictionary<string, (int Line, int Column)>? _fullPositions;

    public string Path { get; } = path;
    public JsonNode? Root { get; } = root;

    /// <summary>Location of <paramref name="pointer"/>, or of its nearest ancestor that has a position.</summary>
    public SourceLocation Locate(string pointer)
    {
        var normalized = Normalize(pointer);
        var positions = Depth(normalized) <= EagerDepth ? shallowPositions : _fullPositions ??= buildFullIndex();
        for (var current = normalized; current is not null; current = JsonPointer.Parent(current))
        {
            if (positions.TryGetValue(current, out var position))
            {
                return new SourceLocation(Path, position.Line, position.Column, normalized);
            }
        }

        return new SourceLocation(Path, 1, 1, normalized);
    }

    private static int Depth(string pointer) => pointer.Count(c => c == '/');

    /// <summary>
    /// Best-effort location for a failure that names a value but no pointer (the library's FormatException
    /// "String 'x' was not recognized…"): the first line where that value follows a key.
    /// </summary>
    public SourceLocation LocateQuotedValue(string message)
    {
        foreach (Match quoted in QuotedValue().Matches(message))
        {
            var value = quoted.Groups[1].Value;
            if (value.Length == 0)
            {
                continue;
            }

            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                var at = colon < 0 ? -1 : lines[i].IndexOf(value, colon, StringComparison.Ordinal);
                if (at >= 0)
                {
                    return new SourceLocation(Path, i + 1, at + 1);
                }
            }
        }

        return new SourceLocation(Path, 1, 1);
    }

    [GeneratedRegex("'([^']{1,200})'")]
    private static partial Regex QuotedValue();

    /// <summary>Accepts "#/a/b", "/a/b" and "a/b" (the library's pointers come in more than one form).</summary>
    public static string Normalize(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "#")
        {
            return "";
        }

        var trimmed = pointer.StartsWith('#') ? pointer[1..] : pointer;
        return trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }
}
