using LoadTest.Tasks.Sources.Express.Syntax;

namespace LoadTest.Tasks.Sources.Express.Semantics;

/// <summary>The source files of an Express app, parsed, and how a module specifier or a type name resolves among them.</summary>
internal sealed class ExpressProject
{
    private static readonly string[] SourceExtensions = [".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx"];
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "node_modules", "dist", "build", "coverage", ".git", "out", "bin", "obj", "public", "vendor", ".next", ".nuxt", "__tests__",
    };

    private readonly Dictionary<string, ModuleInfo> _byPath = new(StringComparer.Ordinal);

    private ExpressProject(string root, DiagnosticBag diagnostics)
    {
        Root = root;
        Diagnostics = diagnostics;
    }

    public string Root { get; }
    public DiagnosticBag Diagnostics { get; }
    public IReadOnlyCollection<ModuleInfo> Modules => _byPath.Values;

    public static IEnumerable<string> EnumerateSourceFiles(string root)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                files = Directory.GetFiles(folder);
                folders = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                if (SourceExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)
                    && !file.EndsWith(".min.js", StringComparison.OrdinalIgnoreCase)
                    && !file.EndsWith(".test.ts", StringComparison.OrdinalIgnoreCase)
                    && !file.EndsWith(".spec.ts", StringComparison.OrdinalIgnoreCase)
                    && !file.EndsWith(".test.js", StringComparison.OrdinalIgnoreCase)
                    && !file.EndsWith(".spec.js", StringComparison.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }

            foreach (var sub in folders.OrderByDescending(f => f, StringComparer.Ordinal))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    public static ExpressProject Load(string root, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var project = new ExpressProject(Path.GetFullPath(root), diagnostics);
        foreach (var file in EnumerateSourceFiles(project.Root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(project.Root, file).Replace('\\', '/');
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Warn(ExpressCodes.UnreadableFile, $"Could not read {relative}: {e.Message}", file, 1, "Check the file exists and is readable.");
                continue;
            }

            var syntax = TsParser.ParseModule(file, text);
            foreach (var (line, message) in syntax.Problems.Take(3))
            {
                diagnostics.Warn(ExpressCodes.SyntaxError, $"{relative}: {message}; the statements around it may be skipped.", file, line,
                    "Fix the syntax (does the file compile with tsc?).");
            }

            project._byPath[Path.GetFullPath(file)] = new ModuleInfo(file, relative, syntax);
        }

        return project;
    }

    /// <summary>Whether a specifier names an npm package ('cors', '@hapi/joi') rather than a file of the app.</summary>
    public static bool IsPackage(string specifier) =>
        !specifier.StartsWith('.') && !specifier.StartsWith('/') && !specifier.StartsWith("@/", StringComparison.Ordinal)
        && !specifier.StartsWith("~/", StringComparison.Ordinal) && !specifier.StartsWith("src/", StringComparison.Ordinal);

    /// <summary>A relative (or tsconfig-less absolute) specifier from <paramref name="from"/>; null for packages or missing files.</summary>
    public ModuleInfo? Resolve(ModuleInfo from, string specifier, int line)
    {
        if (IsPackage(specifier))
        {
            return null;
        }

        var baseFolder = specifier.StartsWith('.') ? Path.GetDirectoryName(from.File)! : Root;
        var relative = specifier.StartsWith("@/", StringComparison.Ordinal) || specifier.StartsWith("~/", StringComparison.Ordinal)
            ? specifier[2..]
            : specifier.StartsWith("src/", StringComparison.Ordinal) && Path.GetFileName(Root) == "src" ? specifier[4..] : specifier.TrimStart('/');
        if (specifier.StartsWith('.'))
        {
            relative = specifier;
        }

        string candidateBase;
        try
        {
            candidateBase = Path.GetFullPath(Path.Combine(baseFolder, relative));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        foreach (var candidate in Candidates(candidateBase))
        {
            if (_byPath.TryGetValue(candidate, out var module))
            {
                return module;
            }
        }

        Diagnostics.Warn(ExpressCodes.UnresolvedImport, $"Cannot find module '{specifier}' imported by {from.RelativePath}.", from.File, line,
            "Point the source at the folder that holds the whole app (for example its src/ folder).");
        return null;
    }

    private static IEnumerable<string> Candidates(string basePath)
    {
        yield return basePath;
        var extension = Path.GetExtension(basePath);
        var withoutJs = extension is ".js" or ".mjs" or ".cjs" or ".jsx" ? basePath[..^extension.Length] : basePath;
        foreach (var ext in SourceExtensions)
        {
            yield return withoutJs + ext;
        }

        foreach (var ext in SourceExtensions)
        {
            yield return Path.Combine(basePath, "index" + ext);
        }
    }

    /// <summary>Finds the declaration a type name refers to from <paramref name="module"/> (local, imported, namespaced, or project-wide).</summary>
    public (TsTypeDecl Declaration, ModuleInfo Module)? ResolveType(ModuleInfo module, string name, int depth = 0)
    {
        if (depth > 16)
        {
            return null;
        }

        if (module.LocalTypes.TryGetValue(name, out var local))
        {
            return (local, module);
        }

        var dot = name.IndexOf('.');
        if (dot > 0 && module.Imports.TryGetValue(name[..dot], out var ns) && ns.Imported == "*")
        {
            var target = Resolve(module, ns.Specifier, 0);
            return target is null ? null : ResolveExportedType(target, name[(dot + 1)..], depth + 1);
        }

        if (module.Imports.TryGetValue(name, out var imported))
        {
            var target = Resolve(module, imported.Specifier, 0);
            if (target is not null && ResolveExportedType(target, imported.Imported, depth + 1) is { } found)
            {
                return found;
            }
        }

        if (depth == 0)
        {
            // Ambient or globally declared types (declare global, .d.ts files): accept a unique project-wide match.
            var matches = Modules.Where(m => m.LocalTypes.ContainsKey(name)).Take(2).ToList();
            if (matches.Count == 1)
            {
                return (matches[0].LocalTypes[name], matches[0]);
            }
        }

        return null;
    }

    private (TsTypeDecl, ModuleInfo)? ResolveExportedType(ModuleInfo module, string exportedName, int depth)
    {
        if (depth > 16)
        {
            return null;
        }

        if (exportedName == "default" && module.DefaultTypeName is { } defaultName)
        {
            return ResolveType(module, defaultName, depth + 1);
        }

        if (module.ExportedTypeNames.TryGetValue(exportedName, out var localName))
        {
            return ResolveType(module, localName, depth + 1);
        }

        if (module.ReExports.TryGetValue(exportedName, out var re))
        {
            var target = Resolve(module, re.Specifier, 0);
            return target is null ? null : ResolveExportedType(target, re.Imported, depth + 1);
        }

        foreach (var star in module.StarExports)
        {
            var target = Resolve(module, star, 0);
            if (target is not null && ResolveExportedType(target, exportedName, depth + 1) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
