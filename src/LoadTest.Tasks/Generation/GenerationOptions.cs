using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Generation;

/// <summary>What the build asks of the generator (from MSBuild properties and items).</summary>
public sealed record GenerationOptions(string SourceName, string RootNamespace)
{
    /// <summary>xunit (v2), xunit.v3, mstest, nunit, or none (scenarios only, no test classes).</summary>
    public string TestFramework { get; init; } = "xunit";

    /// <summary>Declared flows; when empty, flows come from the model (groups and chains).</summary>
    public IReadOnlyList<FlowDeclaration> Flows { get; init; } = [];

    /// <summary>A folder whose files override built-in templates of the same name.</summary>
    public string? TemplatesDirectory { get; init; }

    public string DefaultProfile { get; init; } = "smoke";

    /// <summary>Build-time profile defaults: vus, duration, rate, timeScale (environment variables still win).</summary>
    public IReadOnlyDictionary<string, string> ProfileOverrides { get; init; } = new Dictionary<string, string>();

    public int Seed { get; init; }

    /// <summary>CSV or JSON data file whose columns override generated values of the same name (absolute, or relative to the current directory).</summary>
    public string? DataFile { get; init; }

    /// <summary>Which data row a virtual user takes: per-vu (its own, by VU id; default), sequential (the next one each iteration) or random.</summary>
    public string? DataMode { get; init; }

    /// <summary>Text before the token or API key in its header (<c>Token </c>), when the spec does not show it.</summary>
    public string? AuthPrefix { get; init; }

    /// <summary>Arazzo 1.0 workflows to turn into flows.</summary>
    public string? ArazzoFile { get; init; }

    /// <summary>Name (without .js) of the script that runs every flow; the pipeline prefixes it when several sources have one.</summary>
    public string AllFlowsName { get; init; } = "all-flows";

    /// <summary>The flows document beside the scripts: flows.md, or &lt;source&gt;.flows.md when several sources share the folder.</summary>
    public string FlowsDocument { get; init; } = "flows.md";

    /// <summary>Where the k6 scripts go, relative to the project (used for paths the scripts open).</summary>
    public string ScriptsRelativeToProject { get; init; } = "load-tests";
}

/// <summary>
/// A flow the user declares: steps like <c>POST /api/cart/add</c> or an operationId, each optionally followed by
/// bindings <c>name=step.path</c> (see docs/generation.md).
/// </summary>
public sealed record FlowDeclaration(string Name, IReadOnlyList<string> Steps);

public enum GeneratedFileKind
{
    K6Script,
    CSharp,
    /// <summary>A file the k6 scripts open (the data file's copy), beside them.</summary>
    Data,
    /// <summary>A file for people (flows.md), beside the k6 scripts.</summary>
    Document,
}

/// <summary>A generated file: k6 scripts relative to the scripts folder, C# relative to obj/…/LoadTests/.</summary>
public sealed record GeneratedFile(GeneratedFileKind Kind, string RelativePath, string Content);

public sealed record GenerationOutput(IReadOnlyList<GeneratedFile> Files, IReadOnlyList<SourceDiagnostic> Diagnostics)
{
    /// <summary>What the build prints at normal verbosity: each flow with its edges, and which variable feeds which auth scheme.</summary>
    public IReadOnlyList<string> Messages { get; init; } = [];

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
