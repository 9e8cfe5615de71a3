using LoadTest.Tasks.Distributed;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Pipeline;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace LoadTest.Tasks.Build;

/// <summary>
/// MSBuild task behind the LoadTestGenerate target: reads every LoadTestSource, generates k6 scripts and C# twins,
/// writes only files whose content changed, and removes files it wrote before that are no longer generated.
/// </summary>
public sealed class GenerateLoadTests : MSBuildTask
{
    [Required] public ITaskItem[] Sources { get; set; } = [];
    public ITaskItem[] Flows { get; set; } = [];
    [Required] public string ProjectDirectory { get; set; } = "";
    [Required] public string ScriptsDirectory { get; set; } = "";
    [Required] public string GeneratedDirectory { get; set; } = "";
    [Required] public string ManifestFile { get; set; } = "";
    [Required] public string RootNamespace { get; set; } = "";
    public string TestFramework { get; set; } = "xunit";
    public string Profile { get; set; } = "smoke";
    public string? Vus { get; set; }
    public string? Duration { get; set; }
    public string? Rate { get; set; }
    public string? TimeScale { get; set; }
    public string? Seed { get; set; }
    public string? TemplatesDirectory { get; set; }
    public string? DataFile { get; set; }
    public string? DataMode { get; set; }
    public string? AuthPrefix { get; set; }
    public string? ArazzoFile { get; set; }

    /// <summary>';'-separated folders (relative to the project) that $refs may read besides the project and the spec's folder.</summary>
    public string? AllowedReferenceRoots { get; set; }

    // Kubernetes manifests of a distributed run (LoadTestKubernetes*): written next to the k6 scripts when asked for.
    public string? Kubernetes { get; set; }
    public string? KubernetesName { get; set; }
    public string? ProjectName { get; set; }

    /// <summary>The project file, where configuration errors are reported.</summary>
    public string? ProjectFile { get; set; }
    public string? KubernetesParallelism { get; set; }
    public string? KubernetesBaseUrl { get; set; }
    public string? KubernetesNamespace { get; set; }
    public string? KubernetesSecrets { get; set; }
    public string? KubernetesSecretName { get; set; }
    public string? KubernetesImage { get; set; }
    public string? KubernetesK6Image { get; set; }
    public string? KubernetesCommand { get; set; }
    public string? KubernetesResultsPath { get; set; }
    public string? KubernetesScript { get; set; }
    public string? KubernetesCpu { get; set; }
    public string? KubernetesMemory { get; set; }
    public string? KubernetesCpuLimit { get; set; }
    public string? KubernetesMemoryLimit { get; set; }

    /// <summary>Every file written or kept this run (k6 scripts and C#), for FileWrites.</summary>
    [Output] public ITaskItem[] GeneratedFiles { get; private set; } = [];

    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A defect of ours must still read as a build error, not as an MSBuild crash with a stack trace.
            Log.LogError(null, "LT3000", null, ProjectDirectory, 0, 0, 0, 0,
                "LoadTest.Sdk could not generate load tests: {0}: {1}. This is a defect in LoadTest.Sdk; please report it with the source that triggered it.",
                ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private bool Run()
    {
        var request = new PipelineRequest(
            Sources.Select(ToSourceRequest).ToList(),
            Flows.Select(ToFlow).ToList(),
            new GenerationSettings(
                RootNamespace,
                string.IsNullOrWhiteSpace(TestFramework) ? "none" : TestFramework,
                string.IsNullOrWhiteSpace(Profile) ? "smoke" : Profile,
                ProfileOverrides(),
                int.TryParse(Seed, out var seed) ? seed : 0,
                NullIfEmpty(TemplatesDirectory),
                NullIfEmpty(DataFile) is { } dataFile ? Path.GetFullPath(Path.Combine(ProjectDirectory, dataFile)) : null,
                NullIfEmpty(ArazzoFile),
                Path.GetRelativePath(ProjectDirectory, ScriptsDirectory).Replace('\\', '/'))
            {
                DataMode = NullIfEmpty(DataMode),
                // Not trimmed: the space in "Token " is the point.
                AuthPrefix = string.IsNullOrEmpty(AuthPrefix) ? null : AuthPrefix,
                ProjectDirectory = ProjectDirectory,
                AllowedReferenceRoots = (AllowedReferenceRoots ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            });

        var result = GenerationPipeline.Run(request);
        DiagnosticLogger.Log(Log, result.Diagnostics);
        foreach (var message in result.Messages)
        {
            Log.LogMessage(MessageImportance.Normal, "{0}", message);
        }

        if (result.Diagnostics.Any(d => d.Severity == Model.DiagnosticSeverity.Error))
        {
            return false;
        }

        var kubernetes = KubernetesBuildManifests.Create(KubernetesSettings(), result.Files);
        foreach (var error in kubernetes.Errors)
        {
            Log.LogError(null, error.Code, null, string.IsNullOrWhiteSpace(ProjectFile) ? ProjectDirectory : ProjectFile, 0, 0, 0, 0, "{0}", error.Message);
        }
        if (kubernetes.Errors.Count > 0)
        {
            return false;
        }

        // The manifests join the generated files, so the manifest of written files, stale removal and clean cover them.
        var written = GeneratedFileWriter.Write([.. result.Files, .. kubernetes.Files], ScriptsDirectory, GeneratedDirectory, ManifestFile);
        Log.LogMessage(MessageImportance.Normal,
            "LoadTest.Sdk: {0} file(s) generated ({1} rewritten) — k6 scripts in {2}, C# in {3}.",
            written.All.Count, written.Rewritten, ScriptsDirectory, GeneratedDirectory);
        GeneratedFiles = written.All.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p)).ToArray();
        return !Log.HasLoggedErrors;
    }

    private KubernetesBuildSettings KubernetesSettings() => new()
    {
        Kinds = Kubernetes ?? "",
        Name = KubernetesName ?? "",
        ProjectName = string.IsNullOrWhiteSpace(ProjectName) ? Path.GetFileName(ProjectDirectory.TrimEnd('/', '\\')) : ProjectName,
        Parallelism = KubernetesParallelism ?? "",
        BaseUrl = KubernetesBaseUrl ?? "",
        Namespace = KubernetesNamespace ?? "",
        Secrets = KubernetesSecrets ?? "",
        SecretName = KubernetesSecretName ?? "",
        TestImage = KubernetesImage ?? "",
        K6Image = KubernetesK6Image ?? "",
        Command = KubernetesCommand ?? "",
        ResultsPath = KubernetesResultsPath ?? "",
        Script = KubernetesScript ?? "",
        CpuRequest = KubernetesCpu ?? "",
        MemoryRequest = KubernetesMemory ?? "",
        CpuLimit = KubernetesCpuLimit ?? "",
        MemoryLimit = KubernetesMemoryLimit ?? "",
    };

    private IReadOnlyDictionary<string, string> ProfileOverrides()
    {
        var overrides = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) overrides[key] = value.Trim();
        }
        Add("vus", Vus);
        Add("duration", Duration);
        Add("rate", Rate);
        Add("timeScale", TimeScale);
        return overrides;
    }

    private static SourceRequest ToSourceRequest(ITaskItem item) =>
        new(item.GetMetadata("FullPath"), NullIfEmpty(item.GetMetadata("Kind")));

    private static FlowDeclaration ToFlow(ITaskItem item) =>
        new(item.ItemSpec, item.GetMetadata("Steps")
            .Split("->", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
