using System.Reflection;
using LoadTest.Tasks.Model;
using Scriban;
using Scriban.Runtime;

namespace LoadTest.Tasks.Generation;

/// <summary>
/// Renders the Scriban templates: a file of the same name in the user's templates folder wins over the built-in one
/// (embedded as <c>LoadTest.Tasks.Templates.&lt;file&gt;</c>). Template errors become LT2003/LT2012 diagnostics.
/// </summary>
internal sealed class TemplateRenderer(string? templatesDirectory, ICollection<SourceDiagnostic> diagnostics)
{
    private readonly Dictionary<string, (Template? Template, string Path)> _cache = new(StringComparer.Ordinal);

    /// <summary>The names of the built-in templates, for docs and tests.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } =
    [
        "k6-lib.js.sbn", "k6-flow.js.sbn", "k6-mix.js.sbn", "csharp-scenario.sbn", "csharp-auth.sbn", "csharp-mix.sbn", "csharp-tests.sbn",
    ];

    public static string BuiltInText(string name)
    {
        using var stream = typeof(TemplateRenderer).Assembly.GetManifestResourceStream("LoadTest.Tasks.Templates." + name)
            ?? throw new InvalidOperationException($"built-in template {name} is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Renders <paramref name="name"/> with the given globals; null (and a diagnostic) when the template is broken.</summary>
    public string? Render(string name, IReadOnlyDictionary<string, object?> globals)
    {
        var (template, path) = Load(name);
        if (template is null)
        {
            return null;
        }

        var scriptObject = new ScriptObject();
        foreach (var (key, value) in globals)
        {
            scriptObject[key] = value;
        }

        var context = new TemplateContext
        {
            MemberRenamer = StandardMemberRenamer.Default,
            LoopLimit = 1_000_000,
            RecursiveLimit = 200,
            // Scriban cuts what it renders at 1 MiB by default (adding "..."): a large flow would silently become a
            // script that does not parse. Generated files have no size limit; should one ever apply, it throws (LT2012).
            LimitToString = 0,
            OutputLimit = 0,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            NewLine = "\n",
        };
        context.PushGlobal(scriptObject);
        try
        {
            return template.Render(context).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or ArgumentException)
        {
            diagnostics.Add(SourceDiagnostic.Error("LT2012", $"Template {name} failed while rendering: {e.Message}", new SourceLocation(path),
                "Fix the template (or delete your override to use the built-in one)."));
            return null;
        }
    }

    private (Template? Template, string Path) Load(string name)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var overridePath = templatesDirectory is null ? null : Path.Combine(templatesDirectory, name);
        string text;
        string path;
        if (overridePath is not null && File.Exists(overridePath))
        {
            text = File.ReadAllText(overridePath);
            path = overridePath;
        }
        else
        {
            text = BuiltInText(name);
            path = "LoadTest.Tasks/Templates/" + name;
        }

        var template = Template.Parse(text, path);
        if (template.HasErrors)
        {
            foreach (var message in template.Messages)
            {
                diagnostics.Add(new SourceDiagnostic("LT2003", Model.DiagnosticSeverity.Error, $"Template {name}: {message.Message}",
                    new SourceLocation(path, message.Span.Start.Line + 1, message.Span.Start.Column + 1))
                {
                    Help = "Fix the Scriban syntax of the template (see docs/generation.md for the model it receives).",
                });
            }

            template = null;
        }

        _cache[name] = (template, path);
        return (template, path);
    }
}
