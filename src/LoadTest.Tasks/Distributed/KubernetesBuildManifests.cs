using System.Globalization;
using System.Text;
using LoadTest.Tasks.Generation;

namespace LoadTest.Tasks.Distributed;

/// <summary>Which manifests the build writes (MSBuild property <c>LoadTestKubernetes</c>).</summary>
[Flags]
public enum KubernetesManifestKinds
{
    None = 0,
    K6Operator = 1,
    Job = 2,
    All = K6Operator | Job,
}

/// <summary>The MSBuild properties of the Kubernetes manifests, as the build hands them over (strings, maybe empty).</summary>
public sealed record KubernetesBuildSettings
{
    /// <summary>Empty (off), <c>k6-operator</c>, <c>job</c> or <c>all</c>.</summary>
    public string Kinds { get; init; } = "";

    /// <summary>Base name of the objects; empty: derived from the project name.</summary>
    public string Name { get; init; } = "";

    public string ProjectName { get; init; } = "";
    public string Parallelism { get; init; } = "";
    public string BaseUrl { get; init; } = "";
    public string Namespace { get; init; } = "";

    /// <summary><c>VAR</c> (key VAR of the default Secret) or <c>VAR=secret-name/key</c>, separated by ';'.</summary>
    public string Secrets { get; init; } = "";

    /// <summary>The Secret that plain <c>VAR</c> entries refer to; empty: <c>&lt;name&gt;-secrets</c>.</summary>
    public string SecretName { get; init; } = "";

    public string TestImage { get; init; } = "";
    public string K6Image { get; init; } = "";

    /// <summary>The Job container's command, ';'-separated.</summary>
    public string Command { get; init; } = "";

    public string ResultsPath { get; init; } = "";

    /// <summary>The script the TestRun runs (relative to the scripts folder); empty: all-flows.js, or the only flow.</summary>
    public string Script { get; init; } = "";

    public string CpuRequest { get; init; } = "";
    public string MemoryRequest { get; init; } = "";
    public string CpuLimit { get; init; } = "";
    public string MemoryLimit { get; init; } = "";
}

/// <summary>A build error about the Kubernetes settings: an LT code and what to do.</summary>
public sealed record KubernetesBuildError(string Code, string Message);

/// <summary>What the build writes next to the k6 scripts, or why it cannot.</summary>
public sealed record KubernetesBuildOutput(IReadOnlyList<GeneratedFile> Files, IReadOnlyList<KubernetesBuildError> Errors);

/// <summary>
/// Turns the MSBuild properties into the manifests of a distributed run, written next to the generated k6 scripts:
/// <c>&lt;name&gt;.k6-operator.yaml</c> (ConfigMap with every script + TestRun) and <c>&lt;name&gt;.job.yaml</c>
/// (Indexed Job running the compiled test project). Bad values give LT3020–LT3024 or the manifests' LT2090–LT2093.
/// </summary>
public static class KubernetesBuildManifests
{
    public const string MixScript = "all-flows.js";

    public static string K6OperatorFile(string name) => name + ".k6-operator.yaml";

    public static string JobFile(string name) => name + ".job.yaml";

    public static KubernetesBuildOutput Create(KubernetesBuildSettings settings, IReadOnlyList<GeneratedFile> generated)
    {
        var errors = new List<KubernetesBuildError>();
        var kinds = ParseKinds(settings.Kinds, errors);
        if (kinds == KubernetesManifestKinds.None || errors.Count > 0) return new KubernetesBuildOutput([], errors);

        var options = Options(settings, errors);
        if (options is null) return new KubernetesBuildOutput([], errors);
        if (kinds.HasFlag(KubernetesManifestKinds.Job) && options.TestImage.Length == 0)
        {
            return new KubernetesBuildOutput([], [new KubernetesBuildError("LT2092",
                "the Indexed Job runs the compiled test project from an image. Set LoadTestKubernetesImage to an image holding this project's build output and the .NET SDK (e.g. registry.example.com/shop-loadtests:1.0), or use LoadTestKubernetes=k6-operator.")]);
        }

        // Several sources each generate lib/loadtest.js: one copy per path.
        var scripts = generated.Where(f => f.Kind == GeneratedFileKind.K6Script)
            .GroupBy(f => f.RelativePath.Replace('\\', '/'), StringComparer.Ordinal)
            .Select(g => (RelativePath: g.Key, g.First().Content))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToArray();
        var files = new List<GeneratedFile>();
        try
        {
            if (kinds.HasFlag(KubernetesManifestKinds.K6Operator))
            {
                var entry = EntryScript(settings.Script, scripts.Select(s => s.RelativePath).ToArray(), errors);
                if (entry is not null)
                {
                    var bundle = K6ScriptBundle.Flatten(scripts);
                    files.Add(new GeneratedFile(GeneratedFileKind.K6Script, K6OperatorFile(options.Name),
                        Header("k6-operator", options) + KubernetesManifests.K6OperatorBundle(options, K6ScriptBundle.Key(entry), bundle)));
                }
            }
            if (kinds.HasFlag(KubernetesManifestKinds.Job))
            {
                files.Add(new GeneratedFile(GeneratedFileKind.K6Script, JobFile(options.Name),
                    Header("job", options) + KubernetesManifests.IndexedJob(options)));
            }
        }
        catch (DistributedConfigurationException exception)
        {
            errors.Add(new KubernetesBuildError(exception.Code, exception.Message[(exception.Code.Length + 2)..] + Hint(exception.Code)));
        }
        return errors.Count > 0 ? new KubernetesBuildOutput([], errors) : new KubernetesBuildOutput(files, errors);
    }

    /// <summary>A DNS-1123 label from the project name: lower case, other characters as '-', at most 52 characters.</summary>
    public static string DefaultName(string projectName)
    {
        var text = new StringBuilder();
        foreach (var c in projectName.ToLowerInvariant())
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep) text.Append(c);
            else if (text.Length > 0 && text[^1] != '-') text.Append('-');
        }
        var name = text.ToString().Trim('-');
        if (name.Length > 52) name = name[..52].TrimEnd('-');
        return name.Length == 0 ? "loadtest" : name;
    }

    private static KubernetesManifestKinds ParseKinds(string text, List<KubernetesBuildError> errors)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "": case "false": case "none": return KubernetesManifestKinds.None;
            case "k6-operator": return KubernetesManifestKinds.K6Operator;
            case "job": return KubernetesManifestKinds.Job;
            case "all": return KubernetesManifestKinds.All;
            default:
                errors.Add(new KubernetesBuildError("LT3020",
                    $"LoadTestKubernetes '{text}' is not a kind of manifest. Use k6-operator, job, all, or leave it empty for none."));
                return KubernetesManifestKinds.None;
        }
    }

    private static KubernetesRunOptions? Options(KubernetesBuildSettings settings, List<KubernetesBuildError> errors)
    {
        var name = string.IsNullOrWhiteSpace(settings.Name) ? DefaultName(settings.ProjectName) : settings.Name.Trim();
        var parallelism = 2;
        if (!string.IsNullOrWhiteSpace(settings.Parallelism) &&
            !int.TryParse(settings.Parallelism.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out parallelism))
        {
            errors.Add(new KubernetesBuildError("LT3021",
                $"LoadTestKubernetesParallelism '{settings.Parallelism}' is not a whole number. Set the number of pods, e.g. 4."));
        }
        var baseUrl = settings.BaseUrl.Trim();
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add(new KubernetesBuildError("LT3022", baseUrl.Length == 0
                ? "the Kubernetes manifests need the URL the pods reach the system under test at. Set LoadTestKubernetesBaseUrl (or LoadTestBaseUrl), e.g. http://shop.default.svc:8080."
                : $"LoadTestKubernetesBaseUrl '{baseUrl}' is not an absolute http(s) URL. Use e.g. http://shop.default.svc:8080."));
        }
        var secretName = string.IsNullOrWhiteSpace(settings.SecretName) ? name + "-secrets" : settings.SecretName.Trim();
        var secrets = new List<SecretVariable>();
        foreach (var entry in Split(settings.Secrets))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                secrets.Add(new SecretVariable(entry, secretName, entry));
                continue;
            }
            var reference = entry[(equals + 1)..].Split('/');
            if (reference.Length != 2 || reference[0].Trim().Length == 0 || reference[1].Trim().Length == 0)
            {
                errors.Add(new KubernetesBuildError("LT3023",
                    $"LoadTestKubernetesSecrets entry '{entry}' is not VAR or VAR=secret-name/key. Name the variable, and optionally the Secret and key holding its value (never the value itself)."));
                continue;
            }
            secrets.Add(new SecretVariable(entry[..equals].Trim(), reference[0].Trim(), reference[1].Trim()));
        }
        if (errors.Count > 0) return null;

        var defaults = new KubernetesRunOptions(name, parallelism, baseUrl);
        var resources = new PodResources();
        var command = Split(settings.Command);
        return defaults with
        {
            Namespace = string.IsNullOrWhiteSpace(settings.Namespace) ? null : settings.Namespace.Trim(),
            Secrets = secrets,
            TestImage = settings.TestImage.Trim(),
            K6Image = OrDefault(settings.K6Image, defaults.K6Image),
            TestCommand = command.Count > 0 ? command : defaults.TestCommand,
            ResultsPath = OrDefault(settings.ResultsPath, defaults.ResultsPath),
            Resources = new PodResources(
                OrDefault(settings.CpuRequest, resources.CpuRequest), OrDefault(settings.MemoryRequest, resources.MemoryRequest),
                OrDefault(settings.CpuLimit, resources.CpuLimit), OrDefault(settings.MemoryLimit, resources.MemoryLimit)),
        };
    }

    private static string? EntryScript(string requested, IReadOnlyList<string> scripts, List<KubernetesBuildError> errors)
    {
        var entries = scripts.Where(s => !s.StartsWith("lib/", StringComparison.Ordinal)).ToArray();
        if (!string.IsNullOrWhiteSpace(requested))
        {
            var wanted = requested.Trim().Replace('\\', '/').TrimStart('.', '/');
            if (entries.Contains(wanted, StringComparer.Ordinal)) return wanted;
            errors.Add(new KubernetesBuildError("LT3024",
                $"LoadTestKubernetesScript '{requested}' is not a generated k6 script. Use one of: {string.Join(", ", entries)}."));
            return null;
        }
        if (entries.Contains(MixScript, StringComparer.Ordinal)) return MixScript;
        if (entries.Length == 1) return entries[0];
        errors.Add(new KubernetesBuildError("LT3024", entries.Length == 0
            ? "no k6 script was generated for the k6-operator TestRun. Declare a flow (LoadTestFlow) or use LoadTestKubernetes=job."
            : $"several k6 scripts could be the TestRun's ({string.Join(", ", entries)}). Set LoadTestKubernetesScript to one of them."));
        return null;
    }

    private static string Hint(string code) => code switch
    {
        "LT2090" => " Set LoadTestKubernetesName.",
        "LT2091" => " Check LoadTestKubernetesParallelism and LoadTestKubernetesSecrets.",
        "LT2093" => " Check LoadTestKubernetesNamespace and the LoadTestKubernetesCpu/Memory properties.",
        _ => "",
    };

    private static string Header(string kind, KubernetesRunOptions options) =>
        $"# Generated by LoadTest.Sdk at build ({kind}, {options.Parallelism} instance(s)); do not edit, set the LoadTestKubernetes* properties.\n" +
        "# Secrets are referenced, never inlined: create them with kubectl create secret generic before kubectl apply -f.\n";

    private static List<string> Split(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string OrDefault(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
