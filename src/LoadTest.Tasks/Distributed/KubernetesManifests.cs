using System.Text;
using LoadTest.Runtime.Distributed;

namespace LoadTest.Tasks.Distributed;

/// <summary>A problem in the options of a distributed run (LT2090–LT2093, docs/diagnostics/distributed.md).</summary>
public sealed class DistributedConfigurationException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;
}

/// <summary>
/// Writes the Kubernetes objects of a distributed run by hand (no YAML library needed): a ConfigMap holding the
/// generated k6 script and a k6-operator <c>TestRun</c> that runs it on N pods, or an Indexed <c>Job</c> that runs
/// the compiled C# test project N times, each with its own <c>LOADTEST_SEGMENT</c>. Secrets are always
/// <c>secretKeyRef</c>s; their values never appear.
/// </summary>
public static class KubernetesManifests
{
    public const string RunnerResultsFile = "/tmp/k6-out.json";
    public const string RunnerSummaryFile = "/tmp/summary-export.json";

    public static string ScriptConfigMapName(KubernetesRunOptions options) => options.Name + "-script";

    /// <summary>The ConfigMap with the script under <paramref name="scriptFileName"/>.</summary>
    public static string ConfigMap(KubernetesRunOptions options, string scriptFileName, string script) =>
        ConfigMap(options, [new BundledScript(scriptFileName, script)]);

    /// <summary>The ConfigMap with several scripts (see <see cref="K6ScriptBundle"/> for scripts that import each other).</summary>
    public static string ConfigMap(KubernetesRunOptions options, IReadOnlyList<BundledScript> scripts)
    {
        Validate(options);
        var yaml = new YamlText();
        yaml.Line(0, "apiVersion: v1");
        yaml.Line(0, "kind: ConfigMap");
        Metadata(yaml, options, ScriptConfigMapName(options));
        yaml.Line(0, "data:");
        foreach (var script in scripts) yaml.Block(1, Key(script.Key), script.Content);
        return yaml.ToString();
    }

    /// <summary>The k6-operator TestRun: the operator gives each of the N runners its execution segment.</summary>
    public static string TestRun(KubernetesRunOptions options, string scriptFileName)
    {
        Validate(options);
        var yaml = new YamlText();
        yaml.Line(0, "apiVersion: k6.io/v1alpha1");
        yaml.Line(0, "kind: TestRun");
        Metadata(yaml, options, options.Name);
        yaml.Line(0, "spec:");
        yaml.Line(1, $"parallelism: {options.Parallelism}");
        yaml.Line(1, "script:");
        yaml.Line(2, "configMap:");
        yaml.Line(3, $"name: {Quote(ScriptConfigMapName(options))}");
        yaml.Line(3, $"file: {Quote(scriptFileName)}");
        yaml.Line(1, $"arguments: {Quote($"--out json={RunnerResultsFile} --summary-export={RunnerSummaryFile}")}");
        yaml.Line(1, "runner:");
        yaml.Line(2, $"image: {Quote(options.K6Image)}");
        Env(yaml, 2, options, []);
        Resources(yaml, 2, options.Resources);
        return yaml.ToString();
    }

    /// <summary>
    /// An Indexed Job of N completions running the compiled test project; pod i gets <c>LOADTEST_SEGMENT=i</c>
    /// (its completion index) and the shared <c>LOADTEST_SEGMENT_SEQUENCE</c>, and writes to <c>ResultsPath/i</c>.
    /// </summary>
    public static string IndexedJob(KubernetesRunOptions options)
    {
        Validate(options);
        if (string.IsNullOrWhiteSpace(options.TestImage))
        {
            throw new DistributedConfigurationException("LT2092",
                "the Indexed Job needs the image of the compiled test project. Set TestImage (e.g. 'registry.example.com/shop-loadtests:1.0').");
        }
        var sequence = ExecutionTuple.EqualSequence(options.Parallelism).ToString();
        var yaml = new YamlText();
        yaml.Line(0, "apiVersion: batch/v1");
        yaml.Line(0, "kind: Job");
        Metadata(yaml, options, options.Name);
        yaml.Line(0, "spec:");
        yaml.Line(1, "completionMode: Indexed");
        yaml.Line(1, $"completions: {options.Parallelism}");
        yaml.Line(1, $"parallelism: {options.Parallelism}");
        // A load test is not retried: a second attempt would run its segment twice.
        yaml.Line(1, "backoffLimit: 0");
        yaml.Line(1, "template:");
        yaml.Line(2, "metadata:");
        yaml.Line(3, "labels:");
        yaml.Line(4, $"app.kubernetes.io/name: {Quote(options.Name)}");
        yaml.Line(2, "spec:");
        yaml.Line(3, "restartPolicy: Never");
        yaml.Line(3, "containers:");
        yaml.Line(4, "- name: loadtest");
        yaml.Line(5, $"image: {Quote(options.TestImage)}");
        yaml.Line(5, "command:");
        foreach (var part in options.TestCommand) yaml.Line(6, $"- {Quote(part)}");
        Env(yaml, 5, options,
        [
            // The completion index is the pod's segment in the shared sequence (the same annotation JOB_COMPLETION_INDEX reads).
            ("LOADTEST_SEGMENT", null, "metadata.annotations['batch.kubernetes.io/job-completion-index']"),
            ("LOADTEST_SEGMENT_SEQUENCE", sequence, null),
            ("LOADTEST_RESULTS_DIR", $"{options.ResultsPath.TrimEnd('/')}/$(LOADTEST_SEGMENT)", null),
        ]);
        Resources(yaml, 5, options.Resources);
        return yaml.ToString();
    }

    /// <summary>ConfigMap and TestRun in one multi-document file, ready for <c>kubectl apply -f</c>.</summary>
    public static string K6OperatorBundle(KubernetesRunOptions options, string scriptFileName, string script) =>
        ConfigMap(options, scriptFileName, script) + "---\n" + TestRun(options, scriptFileName);

    /// <summary>ConfigMap with every script and the TestRun running <paramref name="entryKey"/>, in one file.</summary>
    public static string K6OperatorBundle(KubernetesRunOptions options, string entryKey, IReadOnlyList<BundledScript> scripts) =>
        ConfigMap(options, scripts) + "---\n" + TestRun(options, entryKey);

    private static void Validate(KubernetesRunOptions options)
    {
        if (options.Name.Length is 0 or > 52 || !KubernetesRunOptions.Dns1123Label().IsMatch(options.Name))
        {
            throw new DistributedConfigurationException("LT2090",
                $"'{options.Name}' is not a usable Kubernetes name. Use at most 52 lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'shop-load').");
        }
        if (options.Parallelism < 1)
        {
            throw new DistributedConfigurationException("LT2091", $"parallelism {options.Parallelism} is not a number of instances. Use 1 or more.");
        }
        if (options.Namespace is { Length: > 0 } ns && (ns.Length > 63 || !KubernetesRunOptions.Dns1123Label().IsMatch(ns)))
        {
            throw new DistributedConfigurationException("LT2093",
                $"namespace '{ns}' is not a Kubernetes namespace name. Use at most 63 lower-case letters, digits and '-' (e.g. 'perf').");
        }
        var r = options.Resources;
        foreach (var (what, quantity) in new[] { ("CPU request", r.CpuRequest), ("memory request", r.MemoryRequest), ("CPU limit", r.CpuLimit), ("memory limit", r.MemoryLimit) })
        {
            if (!KubernetesRunOptions.Quantity().IsMatch(quantity))
            {
                throw new DistributedConfigurationException("LT2093",
                    $"{what} '{quantity}' is not a Kubernetes quantity. Use e.g. '500m' or '2' for CPU, '512Mi' or '2Gi' for memory.");
            }
        }
        foreach (var secret in options.Secrets)
        {
            if (!KubernetesRunOptions.VariableName().IsMatch(secret.Variable) || secret.Variable == "BASE_URL" ||
                secret.SecretName.Length == 0 || !KubernetesRunOptions.Dns1123Label().IsMatch(secret.SecretName.Replace('.', '-')) || secret.SecretKey.Length == 0)
            {
                throw new DistributedConfigurationException("LT2091",
                    $"secret variable '{secret.Variable}' from '{secret.SecretName}/{secret.SecretKey}' is invalid. Give an environment variable name (not BASE_URL), a Secret name and a key.");
            }
        }
    }

    private static void Metadata(YamlText yaml, KubernetesRunOptions options, string name)
    {
        yaml.Line(0, "metadata:");
        yaml.Line(1, $"name: {Quote(name)}");
        if (options.Namespace is { Length: > 0 } ns) yaml.Line(1, $"namespace: {Quote(ns)}");
        yaml.Line(1, "labels:");
        yaml.Line(2, "app.kubernetes.io/managed-by: LoadTest.Sdk");
        yaml.Line(2, $"app.kubernetes.io/name: {Quote(options.Name)}");
    }

    private static void Env(YamlText yaml, int indent, KubernetesRunOptions options, IReadOnlyList<(string Name, string? Value, string? FieldPath)> extra)
    {
        yaml.Line(indent, "env:");
        foreach (var (name, value, fieldPath) in extra)
        {
            yaml.Line(indent + 1, $"- name: {name}");
            if (fieldPath is not null)
            {
                yaml.Line(indent + 2, "valueFrom:");
                yaml.Line(indent + 3, "fieldRef:");
                yaml.Line(indent + 4, $"fieldPath: {Quote(fieldPath)}");
            }
            else
            {
                yaml.Line(indent + 2, $"value: {Quote(value ?? "")}");
            }
        }
        yaml.Line(indent + 1, "- name: BASE_URL");
        yaml.Line(indent + 2, $"value: {Quote(options.BaseUrl)}");
        foreach (var secret in options.Secrets)
        {
            yaml.Line(indent + 1, $"- name: {secret.Variable}");
            yaml.Line(indent + 2, "valueFrom:");
            yaml.Line(indent + 3, "secretKeyRef:");
            yaml.Line(indent + 4, $"name: {Quote(secret.SecretName)}");
            yaml.Line(indent + 4, $"key: {Quote(secret.SecretKey)}");
        }
    }

    private static void Resources(YamlText yaml, int indent, PodResources resources)
    {
        yaml.Line(indent, "resources:");
        yaml.Line(indent + 1, "requests:");
        yaml.Line(indent + 2, $"cpu: {Quote(resources.CpuRequest)}");
        yaml.Line(indent + 2, $"memory: {Quote(resources.MemoryRequest)}");
        yaml.Line(indent + 1, "limits:");
        yaml.Line(indent + 2, $"cpu: {Quote(resources.CpuLimit)}");
        yaml.Line(indent + 2, $"memory: {Quote(resources.MemoryLimit)}");
    }

    private static string Key(string key) => Quote(key);

    /// <summary>A double-quoted YAML scalar: always a string, whatever it looks like ("1", "true", "no").</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return text.Append('"').ToString();
    }

    private sealed class YamlText
    {
        private readonly StringBuilder _text = new();

        public void Line(int indent, string line) => _text.Append(' ', indent * 2).Append(line).Append('\n');

        /// <summary>A literal block scalar (<c>|</c>) keeps the script readable in the cluster; the indicator keeps exact line ends.</summary>
        public void Block(int indent, string key, string content)
        {
            var normalized = content.Replace("\r\n", "\n");
            // Chomping: clip keeps one final newline, keep (+) several, strip (-) none, so the script reads back byte for byte.
            var chomping = normalized.EndsWith('\n') ? (normalized.EndsWith("\n\n") ? "+" : "") : "-";
            var firstIndented = normalized.Length > 0 && normalized[0] == ' ';
            Line(indent, $"{key}: |{(firstIndented ? "2" : "")}{chomping}");
            var body = normalized.EndsWith('\n') ? normalized[..^1] : normalized;
            foreach (var line in body.Split('\n'))
            {
                if (line.Length == 0) _text.Append('\n');
                else _text.Append(' ', (indent + 1) * 2).Append(line).Append('\n');
            }
        }

        public override string ToString() => _text.ToString();
    }
}
