using System.Text.RegularExpressions;

namespace LoadTest.Tasks.Distributed;

/// <summary>An environment variable filled from a Kubernetes Secret (the value never appears in a manifest).</summary>
/// <param name="Variable">Environment variable name, e.g. <c>LOADTEST_API_KEY</c>.</param>
/// <param name="SecretName">Name of the Secret in the namespace.</param>
/// <param name="SecretKey">Key within the Secret.</param>
public sealed record SecretVariable(string Variable, string SecretName, string SecretKey);

/// <summary>CPU and memory for each load-generating pod (Kubernetes quantities such as <c>500m</c>, <c>1Gi</c>).</summary>
public sealed record PodResources(string CpuRequest = "1", string MemoryRequest = "512Mi", string CpuLimit = "2", string MemoryLimit = "1Gi");

/// <summary>What the manifests for a distributed run need.</summary>
/// <param name="Name">Base name of every object (DNS-1123 label: lower-case letters, digits, '-').</param>
/// <param name="Parallelism">Number of instances; each runs one equal execution segment.</param>
/// <param name="BaseUrl">The system under test, as the pods reach it.</param>
public sealed partial record KubernetesRunOptions(string Name, int Parallelism, string BaseUrl)
{
    public string? Namespace { get; init; }
    public IReadOnlyList<SecretVariable> Secrets { get; init; } = [];
    public PodResources Resources { get; init; } = new();

    /// <summary>k6 runner image for the k6-operator TestRun.</summary>
    public string K6Image { get; init; } = "grafana/k6:latest";

    /// <summary>Image holding the compiled test project, for the Indexed Job.</summary>
    public string TestImage { get; init; } = "";

    /// <summary>Command of the Indexed Job's container, e.g. <c>dotnet test LoadTests.dll</c>.</summary>
    public IReadOnlyList<string> TestCommand { get; init; } = ["dotnet", "test", "LoadTests.dll"];

    /// <summary>Where each pod writes its results (mount a volume there to collect them for <c>ResultMerger</c>).</summary>
    public string ResultsPath { get; init; } = "/results";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    internal static partial Regex Dns1123Label();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex VariableName();

    // A Kubernetes resource quantity as people write them: a decimal number with an optional SI or binary suffix.
    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    internal static partial Regex Quantity();
}
