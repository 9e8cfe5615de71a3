using System.Text.RegularExpressions;

namespace LoadTest.Tasks.Distributed;

/// <summary>A k6 file as a ConfigMap key and content.</summary>
public sealed record BundledScript(string Key, string Content);

/// <summary>
/// The generated k6 files as one flat ConfigMap: ConfigMap keys cannot hold '/', and the k6-operator mounts every key
/// as a file in one folder, so <c>lib/loadtest.js</c> becomes <c>lib-loadtest.js</c> and every relative import that
/// names a bundled file is rewritten to its flat key. Imports of other files are left as they are.
/// </summary>
public static partial class K6ScriptBundle
{
    /// <param name="files">Paths relative to the scripts folder ('/' separated) and their content.</param>
    public static IReadOnlyList<BundledScript> Flatten(IReadOnlyList<(string RelativePath, string Content)> files)
    {
        var keys = files.ToDictionary(f => Normalize(f.RelativePath), f => Key(f.RelativePath), StringComparer.Ordinal);
        return [.. files.Select(f => new BundledScript(Key(f.RelativePath), RewriteImports(f.RelativePath, f.Content, keys)))];
    }

    /// <summary>The ConfigMap key of a script: its relative path with '/' turned into '-'.</summary>
    public static string Key(string relativePath) => Normalize(relativePath).Replace('/', '-');

    private static string RewriteImports(string relativePath, string content, IReadOnlyDictionary<string, string> keys)
    {
        var folder = Path.GetDirectoryName(Normalize(relativePath))?.Replace('\\', '/') ?? "";
        return ImportSpecifier().Replace(content, match =>
        {
            var target = Resolve(folder, match.Groups["path"].Value);
            return target is not null && keys.TryGetValue(target, out var key)
                ? match.Groups["head"].Value + match.Groups["quote"].Value + "./" + key + match.Groups["quote"].Value
                : match.Value;
        });
    }

    /// <summary>A relative specifier resolved against the importing file's folder; null when it leaves the scripts folder.</summary>
    private static string? Resolve(string folder, string specifier)
    {
        var parts = folder.Length == 0 ? new List<string>() : [.. folder.Split('/')];
        foreach (var part in specifier.Split('/'))
        {
            if (part is "." or "") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/').TrimStart('.', '/');

    // `import x from './a.js'`, `export { y } from '../b.js'`, `import './c.js'`: the relative module specifier.
    [GeneratedRegex("""(?<head>\b(?:from|import)\s*)(?<quote>['"])(?<path>\.{1,2}/[^'"\r\n]+)\k<quote>""")]
    private static partial Regex ImportSpecifier();
}
