using LoadTest.Tasks.Generation;

namespace LoadTest.Tasks.Pipeline;

/// <summary>One source to read; <paramref name="Kind"/> null means detect it.</summary>
public sealed record SourceRequest(string Path, string? Kind);

/// <summary>Settings that apply to every source of one project.</summary>
public sealed record GenerationSettings(
    string RootNamespace,
    string TestFramework,
    string DefaultProfile,
    IReadOnlyDictionary<string, string> ProfileOverrides,
    int Seed,
    string? TemplatesDirectory,
    string? DataFile,
    string? ArazzoFile,
    string ScriptsRelativeToProject)
{
    /// <summary>LoadTestDataMode: per-vu, sequential or random (null: per-vu).</summary>
    public string? DataMode { get; init; }

    /// <summary>LoadTestAuthPrefix: text before the token or API key in its header.</summary>
    public string? AuthPrefix { get; init; }
    /// <summary>The project folder: an OpenAPI document's <c>$ref</c>s may read files under it (and under the document's own folder).</summary>
    public string? ProjectDirectory { get; init; }

    /// <summary>Further folders <c>$ref</c>s may read (LoadTestAllowedReferenceRoots); relative ones are relative to the project.</summary>
    public IReadOnlyList<string> AllowedReferenceRoots { get; init; } = [];
}

public sealed record PipelineRequest(
    IReadOnlyList<SourceRequest> Sources,
    IReadOnlyList<FlowDeclaration> Flows,
    GenerationSettings Settings);
