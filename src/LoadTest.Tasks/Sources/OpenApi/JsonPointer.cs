using System.Text.Json.Nodes;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/> trees ("" is the root, "/paths/~1orders/post").</summary>
internal static class JsonPointer
{
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Append(string pointer, string segment) => pointer + "/" + Escape(segment);

    /// <summary>The parent pointer, or null for the root.</summary>
    public static string? Parent(string pointer)
    {
        if (pointer.Length == 0)
        {
            return null;
        }

        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? "" : pointer[..slash];
    }

    /// <summary>Finds the node a pointer names; false when a segment does not exist.</summary>
    public static bool TryResolve(JsonNode? root, string pointer, out JsonNode? found)
    {
        found = root;
        if (pointer.Length == 0)
        {
            return root is not null;
        }

        if (pointer[0] != '/')
        {
            found = null;
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var segment = Unescape(Uri.UnescapeDataString(raw));
            switch (found)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment, out var child):
                    found = child;
                    break;
                case JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count:
                    found = array[index];
                    break;
                default:
                    found = null;
                    return false;
            }
        }

        return true;
    }
}
