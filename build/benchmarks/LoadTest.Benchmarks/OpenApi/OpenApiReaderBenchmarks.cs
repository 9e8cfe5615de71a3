using BenchmarkDotNet.Attributes;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Benchmarks.OpenApi;

/// <summary>
/// Reading a ~5 MB OpenAPI document (museum/openapi.yaml from shared/specs, its paths copied until the file is 5 MB)
/// into the API model, as YAML and as JSON. Target: under 2 s each.
/// Run: dotnet run -c Release --project build/benchmarks/LoadTest.Benchmarks -- --filter '*OpenApiReader*'
/// </summary>
[MemoryDiagnoser]
public class OpenApiReaderBenchmarks
{
    private const long FiveMegabytes = 5 * 1024 * 1024;

    private string _folder = "";
    private string _yaml = "";
    private string _json = "";

    [GlobalSetup]
    public void Setup()
    {
        var source = LargeOpenApiSpec.FindSharedSpec("museum/openapi.yaml");
        _folder = Path.Combine(Path.GetTempPath(), "lt-openapi-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _yaml = Path.Combine(_folder, "large.yaml");
        _json = Path.Combine(_folder, "large.json");
        LargeOpenApiSpec.Write(source, _yaml, FiveMegabytes, asYaml: true);
        LargeOpenApiSpec.Write(source, _json, FiveMegabytes, asYaml: false);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int ReadYaml5MB() => Read(_yaml);

    [Benchmark]
    public int ReadJson5MB() => Read(_json);

    private static int Read(string path)
    {
        var result = new OpenApiSourceReader().Read(path);
        // A benchmark of a read that failed would measure the wrong thing.
        return result.HasErrors || result.Model is null
            ? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics.Select(d => $"{d.Code} {d.Location}: {d.Message}")))
            : result.Model.Operations.Count;
    }
}
