using System.Text.Json;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Tests.Generation;

namespace LoadTest.Tasks.Tests.Flows;

/// <summary>A check of a finished run, as summary.json (k6's handleSummary shape) lists it.</summary>
internal sealed record CheckCount(string Name, long Passes, long Fails);

/// <summary>
/// Runs generated load tests for real: the C# twin compiled in memory and run by the engine, or the k6 scripts written
/// to a folder and run by the real k6. Short runs against loopback servers only.
/// </summary>
internal static class GeneratedRun
{
    /// <summary>Compiles the twins of <paramref name="output"/> and runs the scenario class <paramref name="scenarioClass"/> with the engine.</summary>
    public static async Task<(RunResult Result, IReadOnlyList<CheckCount> Checks)> TwinAsync(
        GenerationOutput output, string rootNamespace, string scenarioClass, Uri baseUrl, int vus, string duration, string resultsDirectory)
    {
        var sources = output.Files.Where(f => f.Kind == GeneratedFileKind.CSharp).Select(f => (f.RelativePath, f.Content)).ToList();
        var assembly = TwinCompiler.Load(sources);
        var type = assembly.GetType($"{rootNamespace}.LoadTests.{scenarioClass}") ?? throw new InvalidOperationException($"no class {scenarioClass} in {string.Join(", ", assembly.GetTypes().Select(t => t.Name))}");
        var environment = new Dictionary<string, string>
        {
            ["LOADTEST_PROFILE"] = "smoke",
            ["LOADTEST_VUS"] = vus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LOADTEST_DURATION"] = duration,
        };
        var plan = (LoadTestPlan)type.GetMethod("CreatePlan")!.Invoke(null, [(Func<string, string?>)(name => environment.GetValueOrDefault(name))])!;
        // Short pauses between steps: the run is about whether the requests succeed, not about pacing.
        plan = plan with { Scenarios = [.. plan.Scenarios.Select(s => s with { Env = new Dictionary<string, string> { ["LOADTEST_THINK_TIME"] = "0.02-0.05" } })] };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await LoadTestRunner.RunAsync(plan, new RunSettings { BaseUrl = baseUrl, ResultsDirectory = resultsDirectory, Quiet = true }, timeout.Token);
        return (result, Checks(Path.Combine(result.ResultsDirectory, "summary.json")));
    }

    /// <summary>Writes the k6 scripts (and what they open) of <paramref name="output"/> into <paramref name="folder"/>.</summary>
    public static void WriteScripts(GenerationOutput output, string folder)
    {
        foreach (var file in output.Files.Where(f => f.Kind != GeneratedFileKind.CSharp))
        {
            var path = Path.Combine(folder, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }

    /// <summary>The checks of a summary.json (root group).</summary>
    public static IReadOnlyList<CheckCount> Checks(string summaryPath)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        return [.. summary.RootElement.GetProperty("root_group").GetProperty("checks").EnumerateArray()
            .Select(c => new CheckCount(c.GetProperty("name").GetString()!, c.GetProperty("passes").GetInt64(), c.GetProperty("fails").GetInt64()))];
    }

    public static string Describe(IEnumerable<CheckCount> checks) => string.Join("; ", checks.Select(c => $"{c.Name}: {c.Passes} passed, {c.Fails} failed"));
}
