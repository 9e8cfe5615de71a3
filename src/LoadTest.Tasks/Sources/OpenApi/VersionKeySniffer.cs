using System.Text.RegularExpressions;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>Recognises an OpenAPI document from its text: a top-level <c>openapi</c> or <c>swagger</c> key.</summary>
internal static partial class VersionKeySniffer
{
    public static bool HasVersionKey(string text) => YamlTopLevelKey().IsMatch(text) || JsonKey().IsMatch(text);

    // YAML: the key at column 0 of a line (top level), optionally quoted.
    [GeneratedRegex(@"^['""]?(openapi|swagger)['""]?\s*:", RegexOptions.Multiline)]
    private static partial Regex YamlTopLevelKey();

    // JSON: a member named openapi or swagger (JSON documents are rarely indented consistently enough to check the level).
    [GeneratedRegex(@"[{,]\s*""(openapi|swagger)""\s*:")]
    private static partial Regex JsonKey();
}
