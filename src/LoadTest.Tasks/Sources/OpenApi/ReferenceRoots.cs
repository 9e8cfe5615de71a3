namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// The folders a spec's <c>$ref</c>s may read files from: the project folder, the folder of the spec itself, and any
/// folder the user lists in <c>LoadTestAllowedReferenceRoots</c>. A spec is untrusted input: without this, a
/// reference like <c>../../secrets.yaml#/x</c> or <c>/etc/passwd</c> would copy any readable file into the
/// generated scripts. Paths are compared after resolving symbolic links, so a link inside a root cannot lead out.
/// </summary>
public sealed class ReferenceRoots
{
    private readonly IReadOnlyList<string> _roots;

    /// <param name="projectDirectory">The project folder (null outside a build: then only the spec's folder and <paramref name="allowed"/>).</param>
    /// <param name="allowed">Further folders, from <c>LoadTestAllowedReferenceRoots</c> (relative ones are relative to the project folder).</param>
    public ReferenceRoots(string? projectDirectory, IEnumerable<string>? allowed = null)
    {
        ProjectDirectory = string.IsNullOrWhiteSpace(projectDirectory) ? null : Path.GetFullPath(projectDirectory);
        var roots = new List<string>();
        if (ProjectDirectory is not null)
        {
            roots.Add(ProjectDirectory);
        }

        foreach (var root in allowed ?? [])
        {
            if (!string.IsNullOrWhiteSpace(root))
            {
                roots.Add(Path.GetFullPath(Path.Combine(ProjectDirectory ?? Directory.GetCurrentDirectory(), root.Trim())));
            }
        }

        Allowed = roots;
        _roots = [.. roots.Select(r => Canonical(r))];
    }

    /// <summary>Only the spec's own folder (what a reader made without a build uses).</summary>
    public static ReferenceRoots SourceFolderOnly { get; } = new(null);

    public string? ProjectDirectory { get; }

    /// <summary>The project folder and the listed roots, as full paths (the spec's folder is added per spec).</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>Whether <paramref name="fullPath"/> (a file a reference names) lies in one of the roots or under <paramref name="specFolder"/>.</summary>
    public bool Allows(string fullPath, string specFolder)
    {
        var target = Canonical(fullPath);
        return _roots.Append(Canonical(specFolder)).Any(root => IsUnder(target, root));
    }

    /// <summary>The folders a reference from a spec in <paramref name="specFolder"/> may use, for messages.</summary>
    public IReadOnlyList<string> For(string specFolder) => [.. Allowed.Append(Path.GetFullPath(specFolder)).Distinct(PathComparer)];

    private static StringComparer PathComparer => OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static bool IsUnder(string path, string root)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.Equals(root, comparison) || path.StartsWith(withSeparator, comparison);
    }

    /// <summary>The full path with every symbolic link along it resolved (parts that do not exist are kept as written).</summary>
    internal static string Canonical(string path) => Canonical(path, 0);

    private static string Canonical(string path, int depth)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            string? link;
            try
            {
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                link = info.Exists ? info.LinkTarget : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                link = null;
            }

            if (link is not null && depth >= 40)
            {
                // A loop of links: no real path, so under no root.
                return "";
            }

            // A link's target may hold links of its own.
            current = link is null ? next : Canonical(Path.Combine(current, link), depth + 1);
        }

        return current.Length > root.Length ? current.TrimEnd(Path.DirectorySeparatorChar) : current;
    }
}
