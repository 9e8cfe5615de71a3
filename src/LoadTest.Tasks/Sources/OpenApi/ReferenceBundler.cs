using System.Globalization;
using System.Text.Json.Nodes;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Sources.OpenApi;

/// <summary>
/// Checks every <c>$ref</c> before the library sees the document and brings external files into it: a referenced
/// schema becomes a named component (so recursion stays a reference), anything else is inlined. Broken references
/// become diagnostics with file and line and are replaced by an empty object, so the library never throws on them
/// (it does on <c>$ref: '#/'</c> and on Swagger 2.0 references into other files).
/// </summary>
internal sealed class ReferenceBundler
{
    private enum Context
    {
        Other,
        Schema,
        SchemaMap,
        SchemaList,
        Data,
    }

    private static readonly HashSet<string> SingleSchemaKeys =
    [
        "schema", "items", "additionalProperties", "not", "contains", "if", "then", "else", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema", "itemSchema",
    ];

    private static readonly HashSet<string> SchemaMapKeys = ["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"];
    private static readonly HashSet<string> SchemaListKeys = ["allOf", "oneOf", "anyOf", "prefixItems"];
    private static readonly HashSet<string> DataKeys = ["example", "examples", "default", "enum", "const"];

    private readonly SourceDocument _root;
    private readonly List<SourceDiagnostic> _diagnostics;
    private readonly Dictionary<string, SourceDocument?> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hoisted = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inlining = new(StringComparer.Ordinal);
    private readonly List<string> _replacedPointers = [];
    private readonly HashSet<string> _reportedCycles = new(StringComparer.Ordinal);
    private readonly Func<string, CancellationToken, SourceDocument?> _load;
    private readonly CancellationToken _cancellationToken;
    private readonly ReferenceRoots _roots;
    private readonly string _specFolder;

    public ReferenceBundler(SourceDocument root, List<SourceDiagnostic> diagnostics, Func<string, CancellationToken, SourceDocument?> load, CancellationToken cancellationToken, ReferenceRoots? roots = null)
    {
        _root = root;
        _diagnostics = diagnostics;
        _load = load;
        _cancellationToken = cancellationToken;
        _roots = roots ?? ReferenceRoots.SourceFolderOnly;
        _specFolder = Path.GetDirectoryName(Path.GetFullPath(root.Path)) ?? "";
        _loaded[Path.GetFullPath(root.Path)] = root;
    }

    /// <summary>Pointers (in the root document) whose content was replaced because it could not be resolved.</summary>
    public IReadOnlyList<string> ReplacedPointers => _replacedPointers;

    private bool IsSwagger2 => _root.Root is JsonObject obj && obj.ContainsKey("swagger");

    public void Bundle()
    {
        if (_root.Root is null)
        {
            return;
        }

        Walk(_root.Root, _root, null, Context.Other, 0);
    }

    /// <summary>Visits <paramref name="node"/>; returns a replacement when the node itself is a reference that had to change.</summary>
    private JsonNode? Walk(JsonNode node, SourceDocument doc, PointerPath? path, Context context, int depth)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (context == Context.Data || depth > SourceDocumentParser.MaxDepth)
        {
            return null;
        }

        switch (node)
        {
            case JsonObject obj when obj.TryGetPropertyValue("$ref", out var refNode) && refNode is JsonValue refValue && refValue.TryGetValue<string>(out var reference):
                return ResolveReference(obj, reference, doc, PointerPath.Format(path), context, depth);
            case JsonObject obj:
                if (context == Context.Other && ReferenceEquals(doc, _root))
                {
                    FlattenExamples(obj, path);
                }

                foreach (var (key, child) in obj.ToList())
                {
                    if (child is null)
                    {
                        continue;
                    }

                    var replacement = Walk(child, doc, new PointerPath(path, key), ChildContext(context, path, key), depth + 1);
                    if (replacement is not null)
                    {
                        obj[key] = replacement;
                    }
                }

                return null;
            case JsonArray array:
                var itemContext = context is Context.SchemaList ? Context.Schema : context is Context.Schema ? Context.Data : Context.Other;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item && Walk(item, doc, new PointerPath(path, i.ToString(CultureInfo.InvariantCulture)), itemContext, depth + 1) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Microsoft.OpenApi 3.11 slows down quadratically with the number of 'examples' maps in a 3.x document (each
    /// leaves its location on the parser's stack, and every later schema copies that stack into a string): a 5 MB
    /// document took half a minute. The model keeps one example per media type or parameter, so outside
    /// components/examples the first named example becomes 'example' and the map is dropped before the library reads it.
    /// </summary>
    private void FlattenExamples(JsonObject obj, PointerPath? path)
    {
        // /components/examples is the map of reusable examples itself, not a media type's or parameter's map.
        if (IsSwagger2 || obj["examples"] is not JsonObject examples || path is null or { Parent: null, Segment: "components" }
            || PointerPath.Format(path).StartsWith("/components/examples/", StringComparison.Ordinal))
        {
            return;
        }

        if (!obj.ContainsKey("example"))
        {
            foreach (var (_, example) in examples)
            {
                if (ExampleValue(example, 0) is { } value)
                {
                    obj["example"] = value.DeepClone();
                    break;
                }
            }
        }

        obj.Remove("examples");
    }

    /// <summary>The value of an Example object, following local references a few steps (cycles simply give no value).</summary>
    private JsonNode? ExampleValue(JsonNode? example, int hops)
    {
        if (example is not JsonObject obj || hops > 8)
        {
            return null;
        }

        if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference) && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return JsonPointer.TryResolve(_root.Root, Uri.UnescapeDataString(reference[1..]), out var target) ? ExampleValue(target, hops + 1) : null;
        }

        return obj["value"] ?? obj["dataValue"];
    }

    private static Context ChildContext(Context parent, PointerPath? parentPath, string key)
    {
        if (key.StartsWith("x-", StringComparison.Ordinal))
        {
            return Context.Data;
        }

        return parent switch
        {
            Context.SchemaMap => Context.Schema,
            Context.SchemaList => Context.Schema,
            Context.Schema when SingleSchemaKeys.Contains(key) => Context.Schema,
            Context.Schema when SchemaMapKeys.Contains(key) => Context.SchemaMap,
            Context.Schema when SchemaListKeys.Contains(key) => Context.SchemaList,
            Context.Schema when DataKeys.Contains(key) => Context.Data,
            Context.Schema => Context.Data,
            _ when key is "schema" or "items" => Context.Schema,
            _ when key == "definitions" && parentPath is null => Context.SchemaMap,
            _ when key == "schemas" && parentPath is { Parent: null, Segment: "components" } => Context.SchemaMap,
            _ when key is "example" or "x-example" => Context.Data,
            _ => Context.Other,
        };
    }

    private JsonNode? ResolveReference(JsonObject holder, string reference, SourceDocument doc, string pointer, Context context, int depth)
    {
        var refPointer = JsonPointer.Append(pointer, "$ref");
        var hash = reference.IndexOf('#');
        var filePart = hash < 0 ? reference : reference[..hash];
        var fragment = hash < 0 ? "" : Uri.UnescapeDataString(reference[(hash + 1)..]);

        if (fragment.Length > 0 && fragment[0] != '/')
        {
            // "#Name" is a JSON Schema anchor; the library resolves those itself when the target exists.
            return null;
        }

        if (filePart.Contains("://", StringComparison.Ordinal))
        {
            return Replace(doc, refPointer, SourceDiagnostic.Warning(
                OpenApiDiagnosticCodes.RemoteReferenceSkipped,
                $"The reference '{reference}' points to a remote document, which is not downloaded at build time; it is read as an empty schema.",
                doc.Locate(refPointer),
                "Download the referenced document next to this one and refer to it by a relative path."));
        }

        string targetPath;
        try
        {
            targetPath = filePart.Length == 0
                ? Path.GetFullPath(doc.Path)
                : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(doc.Path)) ?? "", Uri.UnescapeDataString(filePart)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return Replace(doc, refPointer, InvalidReference(reference, doc, refPointer));
        }

        var targetIsRoot = string.Equals(targetPath, Path.GetFullPath(_root.Path), StringComparison.Ordinal);
        if (targetIsRoot && (fragment.Length == 0 || fragment == "/"))
        {
            return Replace(doc, refPointer, InvalidReference(reference, doc, refPointer));
        }

        if (!targetIsRoot && !_roots.Allows(targetPath, _specFolder))
        {
            // Checked before the file is touched: whether it exists is none of the spec's business either.
            return Replace(doc, refPointer, SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.ReferenceOutsideRoots,
                $"The reference '{reference}' names the file '{targetPath}', outside the folders references may read ({string.Join(", ", _roots.For(_specFolder))}); it is not read.",
                doc.Locate(refPointer),
                "Move the referenced file into the project (or next to the spec), or add its folder to the LoadTestAllowedReferenceRoots property."));
        }

        var target = Load(targetPath, doc, refPointer, reference);
        if (target is null)
        {
            return Replace(doc, refPointer, null);
        }

        if (!JsonPointer.TryResolve(target.Root, fragment, out var targetNode) || targetNode is null)
        {
            return Replace(doc, refPointer, SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.UnknownReference,
                $"The reference '{reference}' does not resolve: {(targetIsRoot ? "this document" : Path.GetFileName(targetPath))} has nothing at '{(fragment.Length == 0 ? "/" : fragment)}'.",
                doc.Locate(refPointer),
                "Correct the reference, or add the missing definition it names."));
        }

        if (targetIsRoot)
        {
            if (!ReferenceEquals(doc, _root))
            {
                // An external file pointing back into the root document: keep it a local reference.
                return new JsonObject { ["$ref"] = "#" + fragment };
            }

            if (IsPureReferenceCycle(fragment) is not { } cycle)
            {
                // The library resolves references to components only: a deeper pointer (…/Tag/allOf/0, a path's
                // parameter) would read as missing. Such a target becomes a component of its own, or is inlined.
                return IsComponentPointer(fragment) ? null : ResolveDeepPointer(holder, targetNode, fragment, context, depth);
            }

            // Every member of the loop is visited; the loop is reported once, at the first reference that enters it.
            var firstReport = _reportedCycles.Add(string.Join("|", cycle.Distinct().Order(StringComparer.Ordinal)));
            return Replace(doc, refPointer, firstReport
                ? SourceDiagnostic.Error(
                    OpenApiDiagnosticCodes.ReferenceCycle,
                    $"The reference '{reference}' only leads to other references and back again ({string.Join(" → ", cycle)}); it never reaches a definition.",
                    doc.Locate(refPointer),
                    "Point one of these references at a real definition.")
                : null);
        }

        var key = targetPath + "#" + fragment;
        if (context == Context.Schema && SchemaContainer() is { } container)
        {
            return Hoist(holder, container, key,
                () => fragment.Length > 0 ? JsonPointer.Unescape(fragment[(fragment.LastIndexOf('/') + 1)..]) : Path.GetFileNameWithoutExtension(targetPath),
                targetNode, target, fragment, depth);
        }

        if (!_inlining.Add(key))
        {
            return Replace(doc, refPointer, SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.ReferenceCycle,
                $"The reference '{reference}' includes itself through other files; it cannot be expanded.",
                doc.Locate(refPointer),
                "Break the cycle: one of the files must define the object instead of referring back."));
        }

        try
        {
            var inlined = targetNode.DeepClone();
            return Walk(inlined, target, PointerPath.Parse(fragment), context, depth + 1) ?? inlined;
        }
        finally
        {
            _inlining.Remove(key);
        }
    }

    /// <summary>Whether a pointer names a component itself (#/components/schemas/Pet, Swagger's #/definitions/Pet), which the library resolves.</summary>
    private bool IsComponentPointer(string fragment)
    {
        var segments = fragment.Split('/');
        return IsSwagger2
            ? segments.Length == 3 && segments[1] is "definitions" or "parameters" or "responses" or "securityDefinitions"
            : segments.Length == 4 && segments[1] == "components";
    }

    /// <summary>
    /// A schema referred to by <paramref name="key"/> becomes a component of its own (once, named by
    /// <paramref name="baseName"/>), and the reference a local one to it that keeps the reference's sibling keywords.
    /// </summary>
    private JsonObject Hoist(JsonObject holder, JsonObject container, string key, Func<string> baseName, JsonNode target, SourceDocument doc, string fragment, int depth)
    {
        if (!_hoisted.TryGetValue(key, out var name))
        {
            name = UniqueName(container, baseName());
            _hoisted[key] = name;
            // A placeholder first: the walk below may meet a reference back to this very schema.
            container[name] = new JsonObject();
            var copy = target.DeepClone();
            container[name] = Walk(copy, doc, PointerPath.Parse(fragment), Context.Schema, depth + 1) ?? copy;
        }

        var local = new JsonObject { ["$ref"] = (IsSwagger2 ? "#/definitions/" : "#/components/schemas/") + JsonPointer.Escape(name) };
        foreach (var (siblingKey, sibling) in holder)
        {
            if (siblingKey != "$ref")
            {
                local[siblingKey] = sibling?.DeepClone();
            }
        }

        return local;
    }

    private JsonNode? ResolveDeepPointer(JsonObject holder, JsonNode target, string fragment, Context context, int depth)
    {
        var key = Path.GetFullPath(_root.Path) + "#" + fragment;
        if (context == Context.Schema && SchemaContainer() is { } container)
        {
            return Hoist(holder, container, key, () =>
            {
                var segments = fragment.Split('/').Skip(1).Select(JsonPointer.Unescape).ToList();
                var skip = segments.Count > 2 && segments[0] == "components" && segments[1] == "schemas" ? 2 : segments.Count > 1 && segments[0] == "definitions" ? 1 : 0;
                return string.Join("_", segments.Skip(skip));
            }, target, _root, fragment, depth);
        }

        if (!_inlining.Add(key))
        {
            return Replace(_root, "", SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.ReferenceCycle,
                $"The reference '#{fragment}' includes itself; it cannot be expanded.",
                _root.Locate(fragment),
                "Break the cycle: one of the places must define the object instead of referring back."));
        }

        try
        {
            var inlined = target.DeepClone();
            return Walk(inlined, _root, PointerPath.Parse(fragment), context, depth + 1) ?? inlined;
        }
        finally
        {
            _inlining.Remove(key);
        }
    }

    private SourceDocument? Load(string fullPath, SourceDocument from, string refPointer, string reference)
    {
        if (_loaded.TryGetValue(fullPath, out var cached))
        {
            return cached;
        }

        SourceDocument? loaded = null;
        if (!File.Exists(fullPath))
        {
            _diagnostics.Add(SourceDiagnostic.Error(
                OpenApiDiagnosticCodes.ReferencedFileMissing,
                $"The reference '{reference}' names the file '{fullPath}', which does not exist.",
                from.Locate(refPointer),
                "Correct the relative path of the reference (it is relative to the file that contains it)."));
        }
        else
        {
            loaded = _load(fullPath, _cancellationToken);
        }

        _loaded[fullPath] = loaded;
        return loaded;
    }

    /// <summary>Follows a chain of objects that are nothing but a local $ref; returns the chain when it loops.</summary>
    private List<string>? IsPureReferenceCycle(string fragment)
    {
        var seen = new List<string>();
        var current = fragment;
        while (true)
        {
            if (seen.Contains(current))
            {
                seen.Add(current);
                return seen;
            }

            seen.Add(current);
            if (!JsonPointer.TryResolve(_root.Root, current, out var node)
                || node is not JsonObject { Count: 1 } obj
                || !obj.TryGetPropertyValue("$ref", out var next)
                || next is not JsonValue value
                || !value.TryGetValue<string>(out var nextRef)
                || !nextRef.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            current = Uri.UnescapeDataString(nextRef[1..]);
        }
    }

    private JsonObject? SchemaContainer()
    {
        if (_root.Root is not JsonObject rootObj)
        {
            return null;
        }

        if (IsSwagger2)
        {
            if (rootObj["definitions"] is null)
            {
                rootObj["definitions"] = new JsonObject();
            }

            return rootObj["definitions"] as JsonObject;
        }

        if (rootObj["components"] is null)
        {
            rootObj["components"] = new JsonObject();
        }

        if (rootObj["components"] is not JsonObject components)
        {
            return null;
        }

        if (components["schemas"] is null)
        {
            components["schemas"] = new JsonObject();
        }

        return components["schemas"] as JsonObject;
    }

    private static string UniqueName(JsonObject container, string wanted)
    {
        var baseName = string.IsNullOrWhiteSpace(wanted) ? "Schema" : wanted;
        var name = baseName;
        for (var i = 2; container.ContainsKey(name); i++)
        {
            name = baseName + i;
        }

        return name;
    }

    private static SourceDiagnostic InvalidReference(string reference, SourceDocument doc, string refPointer) =>
        SourceDiagnostic.Error(
            OpenApiDiagnosticCodes.InvalidReference,
            $"The reference '{reference}' does not name anything (it points at the whole document or is malformed).",
            doc.Locate(refPointer),
            "Refer to a definition, e.g. '#/components/schemas/Order' or 'common.yaml#/Order'.");

    private JsonObject Replace(SourceDocument doc, string refPointer, SourceDiagnostic? diagnostic)
    {
        if (diagnostic is not null)
        {
            _diagnostics.Add(diagnostic);
        }

        if (ReferenceEquals(doc, _root))
        {
            _replacedPointers.Add(JsonPointer.Parent(refPointer) ?? "");
        }

        return new JsonObject();
    }

    /// <summary>Where the walk is, as a chain of segments; the pointer string is only built when a finding needs it.</summary>
    private sealed record PointerPath(PointerPath? Parent, string Segment)
    {
        public static string Format(PointerPath? path)
        {
            if (path is null)
            {
                return "";
            }

            var segments = new List<string>();
            for (var current = path; current is not null; current = current.Parent)
            {
                segments.Add(JsonPointer.Escape(current.Segment));
            }

            segments.Reverse();
            return "/" + string.Join("/", segments);
        }

        public static PointerPath? Parse(string pointer)
        {
            PointerPath? path = null;
            if (pointer.Length > 1)
            {
                foreach (var segment in pointer[1..].Split('/'))
                {
                    path = new PointerPath(path, JsonPointer.Unescape(segment));
                }
            }

            return path;
        }
    }
}
