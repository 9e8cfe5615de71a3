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

    /// <summary>CSV or JSON data file whose columns override generated values of the same name.</summary>
    public string? DataFile { get; init; }

    /// <summary>Arazzo 1.0 workflows to turn into flows.</summary>
    public string? ArazzoFile { get; init; }

    /// <summary>Name (without .js) of the script that runs every flow; the pipeline prefixes it when several sources have one.</summary>
    public string AllFlowsName { get; init; } = "all-flows";

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
    Data,
}

/// <summary>A generated file: k6 scripts relative to the scripts folder, C# relative to obj/…/LoadTests/.</summary>
public sealed record GeneratedFile(GeneratedFileKind Kind, string RelativePath, string Content);

public sealed record GenerationOutput(IReadOnlyList<GeneratedFile> Files, IReadOnlyList<SourceDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
