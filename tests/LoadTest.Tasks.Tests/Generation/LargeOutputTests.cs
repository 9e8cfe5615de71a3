using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tests.Shared;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Nothing cuts a generated file short: the template engine's 1 MiB output limit is off, so a flow whose script is
/// larger than 2 MiB comes out whole, parses, runs its init code on k6's JavaScript engine, and its twin compiles.
/// </summary>
public sealed partial class LargeOutputTests
{
    /// <summary>Few members with long values: big files, cheap to plan and compile.</summary>
    private const int Members = 3_500;

    [Fact]
    public void A_flow_larger_than_2_MiB_is_generated_whole_and_parses_and_compiles()
    {
        var output = LoadTestGenerator.Generate(HugeModel(), new GenerationOptions("Huge", "Huge.Tests") { Flows = [new FlowDeclaration("bulk", ["POST /bulk"])] });
        Assert.False(output.HasErrors, string.Join("\n", output.Diagnostics.Select(d => d.Message)));

        var script = GenerationFixtures.FileAt(output, "bulk.js");
        var twin = GenerationFixtures.FileAt(output, "Huge.BulkScenario.g.cs");
        Assert.True(script.Content.Length > 2 * 1024 * 1024, $"the script has {script.Content.Length} characters");
        Assert.True(twin.Content.Length > 2 * 1024 * 1024, $"the twin has {twin.Content.Length} characters");

        // Whole: the last member is there and the files end as the templates do, not with the engine's "..." (a cut
        // file would not parse or compile either, below).
        Assert.Contains($"\"member_{Members - 1}_", script.Content, StringComparison.Ordinal);
        Assert.Contains($"\"member_{Members - 1}_", twin.Content, StringComparison.Ordinal);
        Assert.EndsWith("}\n", script.Content, StringComparison.Ordinal);
        Assert.EndsWith("}\n", twin.Content, StringComparison.Ordinal);

        K6ScriptTests.Parse(script.RelativePath, script.Content);
        var sources = output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
        var diagnostics = TwinCompiler.Compile(sources);
        Assert.True(diagnostics.Count == 0, TwinCompiler.Describe(diagnostics, sources));

        // k6 v0.48 sends ES modules through Babel, which needs minutes and gigabytes for 2 MiB (and says so); its
        // JavaScript engine itself parses the same code in a second. So k6 inspects the script as CommonJS in base
        // mode: only the import/export lines the template writes are rewritten, the 2 MiB of generated code is as is.
        var folder = Directory.CreateTempSubdirectory("lt-huge-");
        try
        {
            var lib = GenerationFixtures.FileAt(output, "lib/loadtest.js").Content;
            Directory.CreateDirectory(Path.Combine(folder.FullName, "lib"));
            File.WriteAllText(Path.Combine(folder.FullName, "lib", "loadtest.js"), CommonJs(lib));
            var path = Path.Combine(folder.FullName, "bulk.js");
            File.WriteAllText(path, CommonJs(script.Content));
            var result = K6Tool.Run(["inspect", "--compatibility-mode=base", "-e", "BASE_URL=http://127.0.0.1:9", path], folder.FullName, null, TimeSpan.FromMinutes(3));
            Assert.True(result.Succeeded, result.ToString());
            Assert.Contains("\"bulk\"", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>One POST whose body has <see cref="Members"/> members, each with a long constant.</summary>
    private static ApiModel HugeModel()
    {
        var properties = new Dictionary<string, SchemaModel>();
        for (var i = 0; i < Members; i++)
        {
            properties[$"member_{i}_"] = new SchemaModel { Type = "string", Enum = [JsonValue.Create($"value-{i}-{new string('a', 640)}")] };
        }

        var body = new SchemaModel { Type = "object", Required = [.. properties.Keys], Properties = properties };
        var operation = new ApiOperation("POST", "/bulk", new SourceLocation("huge.yaml", 1, 1))
        {
            OperationId = "bulk",
            RequestBody = new ApiRequestBody([new MediaContent("application/json", body)]) { Required = true },
            Responses = [new ApiResponse("200")],
        };
        return new ApiModel("Huge API", [operation]);
    }

    /// <summary>The template's ES module lines as CommonJS (k6 base mode); everything else unchanged.</summary>
    private static string CommonJs(string module)
    {
        var exported = new List<string>();
        var text = ImportAll().Replace(module, m => $"const {m.Groups["name"].Value} = require('{m.Groups["path"].Value}');");
        text = ImportDefault().Replace(text, m => $"const {m.Groups["name"].Value} = require('{m.Groups["path"].Value}');");
        text = ImportNamed().Replace(text, m => $"const {{ {m.Groups["names"].Value} }} = require('{m.Groups["path"].Value}');");
        text = ExportDefault().Replace(text, "exports.default = function (");
        text = ExportDeclaration().Replace(text, m =>
        {
            exported.Add(m.Groups["name"].Value);
            return m.Groups["kind"].Value + " " + m.Groups["name"].Value;
        });
        return text + "\n" + string.Concat(exported.Select(n => $"exports.{n} = {n};\n"));
    }

    [GeneratedRegex(@"^import \* as (?<name>\w+) from '(?<path>[^']+)';", RegexOptions.Multiline)]
    private static partial Regex ImportAll();

    [GeneratedRegex(@"^import (?<name>\w+) from '(?<path>[^']+)';", RegexOptions.Multiline)]
    private static partial Regex ImportDefault();

    [GeneratedRegex(@"^import \{ (?<names>[\w, ]+) \} from '(?<path>[^']+)';", RegexOptions.Multiline)]
    private static partial Regex ImportNamed();

    [GeneratedRegex(@"^export default function \(", RegexOptions.Multiline)]
    private static partial Regex ExportDefault();

    [GeneratedRegex(@"^export (?<kind>function|const|let) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex ExportDeclaration();
}
