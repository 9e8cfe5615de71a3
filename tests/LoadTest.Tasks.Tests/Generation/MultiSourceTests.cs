using System.Collections;
using LoadTest.Tasks.Build;
using LoadTest.Tasks.Generation;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// A project with several LoadTestSources, through the MSBuild task as a build runs it: sources with the same flow
/// names build (names prefixed by source, LT2020), every written script passes k6 inspect and every written C# file
/// compiles with the others; a $ref out of the project fails the build with LT1050 unless its folder is allowed.
/// </summary>
public sealed class MultiSourceTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("lt-multi-");

    public void Dispose() => _root.Delete(recursive: true);

    private string Project => Path.Combine(_root.FullName, "project");

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>An API with a 'pets' and a 'stores' tag: two flows, and so an all-flows script, in every source.</summary>
    private static string Api(string title, string petSchema) => $$"""
        openapi: 3.0.3
        info:
          title: {{title}}
          version: '1'
        paths:
          /pets:
            get:
              tags: [pets]
              responses:
                '200':
                  description: ok
            post:
              tags: [pets]
              requestBody:
                content:
                  application/json:
                    schema:
                      {{petSchema}}
              responses:
                '201':
                  description: created
          /stores/{id}:
            get:
              tags: [stores]
              parameters:
                - name: id
                  in: path
                  required: true
                  schema:
                    type: integer
              responses:
                '200':
                  description: ok
        """;

    private (GenerateLoadTests Task, RecordingBuildEngine Engine) Task(string[] sources, string? allowedRoots = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new GenerateLoadTests
        {
            BuildEngine = engine,
            Sources = [.. sources.Select(s => (ITaskItem)new TaskItem(s))],
            ProjectDirectory = Project,
            ScriptsDirectory = Path.Combine(Project, "load-tests"),
            GeneratedDirectory = Path.Combine(Project, "obj", "LoadTests"),
            ManifestFile = Path.Combine(Project, "obj", "LoadTests", "loadtest.manifest"),
            RootNamespace = "Pets.Tests",
            TestFramework = "xunit",
            AllowedReferenceRoots = allowedRoots,
        };
        return (task, engine);
    }

    [Fact]
    public void Two_sources_with_the_same_flow_names_build_with_every_script_and_class_kept()
    {
        var shop = Write("project/shop/openapi.yaml", Api("Shop", "{ type: object, properties: { name: { type: string } } }"));
        var zoo = Write("project/zoo/openapi.yaml", Api("Zoo", "{ type: object, properties: { species: { type: string } } }"));
        var (task, engine) = Task([shop, zoo]);

        Assert.True(task.Execute(), string.Join("\n", engine.Errors.Select(e => $"{e.Code} {e.File}({e.LineNumber}): {e.Message}")));

        // Same file name, so the sources are Openapi and Openapi2; both have 'pets' and 'stores' and an all-flows script.
        var scripts = Path.Combine(Project, "load-tests");
        Assert.Equal(
            ["lib/loadtest.js", "openapi-all-flows.js", "openapi2-all-flows.js", "openapi2_pets.js", "openapi2_stores.js", "openapi_pets.js", "openapi_stores.js"],
            Directory.EnumerateFiles(scripts, "*.js", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(scripts, p).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Contains("\"species\"", File.ReadAllText(Path.Combine(scripts, "openapi2_pets.js")), StringComparison.Ordinal);
        Assert.Contains("\"name\"", File.ReadAllText(Path.Combine(scripts, "openapi_pets.js")), StringComparison.Ordinal);
        Assert.Contains(engine.Warnings, w => w.Code == "LT2020" && (w.Message ?? "").Contains("'openapi2_pets'", StringComparison.Ordinal));

        // Every C# file written compiles with all the others (no CS0101/CS0102/CS0111), every script passes k6 inspect.
        var generated = Directory.EnumerateFiles(Path.Combine(Project, "obj", "LoadTests"), "*.g.cs").Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        Assert.Equal(10, generated.Count);
        var diagnostics = TwinCompiler.Compile(generated);
        Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, generated));
        var written = Directory.EnumerateFiles(scripts, "*.js", SearchOption.AllDirectories)
            .Select(p => new GeneratedFile(GeneratedFileKind.K6Script, Path.GetRelativePath(scripts, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();
        GeneratedScripts.AssertInspected(new GenerationOutput(written, []));
    }

    [Fact]
    public void A_reference_out_of_the_project_fails_the_build_unless_its_folder_is_allowed()
    {
        Write("shared-models/pet.yaml", "Pet:\n  type: object\n  properties:\n    name:\n      type: string\n");
        var spec = Write("project/api/openapi.yaml", Api("Shop", "$ref: '../../shared-models/pet.yaml#/Pet'"));

        var (refused, engine) = Task([spec]);
        Assert.False(refused.Execute());
        var error = Assert.Single(engine.Errors);
        Assert.Equal("LT1050", error.Code);
        Assert.Equal(spec, error.File);
        Assert.Equal(18, error.LineNumber);
        Assert.Contains("'../../shared-models/pet.yaml#/Pet'", error.Message, StringComparison.Ordinal);

        var (allowed, allowedEngine) = Task([spec], "../shared-models");
        Assert.True(allowed.Execute(), string.Join("\n", allowedEngine.Errors.Select(e => e.Message)));
        Assert.Contains("\"name\"", File.ReadAllText(Path.Combine(Project, "load-tests", "pets.js")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flow_step_lists_every_operation_one_per_line_in_the_detailed_log()
    {
        var paths = string.Concat(Enumerable.Range(1, 12).Select(i => $"  /things{i}:\n    get:\n      operationId: thing{i}\n      responses:\n        '200': {{ description: ok }}\n"));
        var spec = Write("project/api/openapi.yaml", $"openapi: 3.0.3\ninfo: {{ title: Things, version: '1' }}\npaths:\n{paths}");
        var (task, engine) = Task([spec]);
        task.Flows = [new TaskItem("browse", new Dictionary<string, string> { ["Steps"] = "GET /nowhere" })];

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("LT2002", error.Code);
        Assert.Contains("thing12", error.Message, StringComparison.Ordinal);
        var lines = engine.Messages.Where(m => m.Code == "LT2002").ToList();
        Assert.Equal(12, lines.Count);
        Assert.All(lines, m => Assert.Equal(MessageImportance.Low, m.Importance));
        Assert.All(Enumerable.Range(1, 12), i => Assert.Single(lines, m => m.Message!.Contains($"GET /things{i} (operationId thing{i})", StringComparison.Ordinal)));
    }

    internal sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];
        public List<BuildWarningEventArgs> Warnings { get; } = [];
        public List<BuildMessageEventArgs> Messages { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "LoadTest.Sdk.targets";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
