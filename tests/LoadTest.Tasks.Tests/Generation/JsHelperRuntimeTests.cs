using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Payloads;
using LoadTest.Runtime.Profiles;
using LoadTest.Tasks.Generation;
using Xunit.Abstractions;

namespace LoadTest.Tasks.Tests.Generation;

/// <summary>
/// Runs the generated k6 helper module in Node.js (k6 itself is not available here; the module only needs
/// <c>__ENV</c>, <c>__VU</c>, <c>k6/encoding</c> and <c>k6/execution</c>, which are stubbed) and compares what it computes with the C#
/// runtime: resolved profiles, scenarios and thresholds for many environments, pattern and helper values.
/// Where no <c>node</c> is installed the test says so and checks nothing.
/// </summary>
public sealed class JsHelperRuntimeTests(ITestOutputHelper output)
{
    private static readonly (string Default, Dictionary<string, string> Build, Dictionary<string, string> Env, double Share)[] Cases =
    [
        ("smoke", [], [], 1),
        ("load", [], [], 1),
        ("load", [], new() { ["LOADTEST_TIME_SCALE"] = "0.05" }, 1),
        ("load", new() { ["vus"] = "50", ["duration"] = "7m" }, [], 0.5),
        ("load", new() { ["vus"] = "50" }, new() { ["LOADTEST_VUS"] = "120", ["LOADTEST_DURATION"] = "1h30m" }, 1),
        ("smoke", [], new() { ["LOADTEST_PROFILE"] = "stress", ["LOADTEST_RATE"] = "250", ["LOADTEST_VUS"] = "40" }, 0.3),
        ("smoke", [], new() { ["LOADTEST_PROFILE"] = "breakpoint", ["LOADTEST_TIME_SCALE"] = "0.01" }, 1),
        ("smoke", [], new() { ["LOADTEST_PROFILE"] = "spike", ["LOADTEST_TIME_SCALE"] = "0.1" }, 0.25),
        ("smoke", [], new() { ["LOADTEST_PROFILE"] = "soak", ["LOADTEST_DURATION"] = "90s" }, 1),
        ("ci", new() { ["timeScale"] = "0.5" }, [], 0.7),
        ("verification", [], new() { ["LOADTEST_VUS"] = "300" }, 1),
        ("smoke", new() { ["duration"] = "45s" }, new() { ["LOADTEST_VUS"] = "3" }, 1),
    ];

    /// <summary>Refused settings: both sides stop with the same LT code (they used to fall back silently).</summary>
    private static readonly (string Default, Dictionary<string, string> Build, Dictionary<string, string> Env, string Code)[] Refused =
    [
        ("smoke", [], new() { ["LOADTEST_PROFILE"] = "nope" }, "LT4110"),
        ("smoke", [], new() { ["LOADTEST_VUS"] = "x" }, "LT4111"),
        ("smoke", [], new() { ["LOADTEST_VUS"] = "99999999999" }, "LT4111"),
        ("smoke", [], new() { ["LOADTEST_DURATION"] = "0s" }, "LT4112"),
        ("smoke", new() { ["duration"] = "soon" }, [], "LT4112"),
        ("stress", [], new() { ["LOADTEST_RATE"] = "-3" }, "LT4113"),
        ("smoke", [], new() { ["LOADTEST_TIME_SCALE"] = "-2" }, "LT4114"),
        ("smoke", [], new() { ["LOADTEST_TIME_SCALE"] = "1e308" }, "LT4114"),
    ];

    private static readonly string[] Patterns =
    [
        "^prod_([1-9]|[1-9][0-9]|[1-4][0-9][0-9]|500)$", "^cart_[0-9a-f]{32}$", "^[A-Z]{2}-\\d{4}$", "^(red|green)(-(light|dark))?$", "^[^\\s@]{3,8}$",
    ];

    private static readonly Dictionary<string, string> HelperShapes = new()
    {
        ["email"] = "^[a-z]+\\.[a-z]+\\d{1,3}@example\\.com$",
        ["uuid"] = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
        ["date"] = "^20(2[0-6])-\\d{2}-\\d{2}$",
        ["dateTime"] = "^20(2[0-6])-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$",
        ["time"] = "^\\d{2}:\\d{2}:\\d{2}Z$",
        ["ipv4"] = "^\\d{1,3}(\\.\\d{1,3}){3}$",
        ["ipv6"] = "^2001:db8(:[0-9a-f]{1,4}){6}$",
        ["phone"] = "^\\+1555\\d{7}$",
        ["uri"] = "^https://[a-z]+\\d{1,2}\\.example\\.com/[a-z]+$",
        ["street"] = "^\\d{1,4} [A-Za-z]+ [A-Za-z]+$",
        ["postalCode"] = "^\\d{5}$",
        ["password"] = "^Pw[0-9a-f-]{12}!9$",
    };

    private static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public async Task Helper_module_resolves_profiles_and_generates_values_like_the_runtime()
    {
        var node = FindNode();
        if (node is null)
        {
            output.WriteLine("node is not installed: the k6 helper module was not executed.");
            return;
        }

        var generated = LoadTestGenerator.Generate(GenerationFixtures.Shop(), GenerationFixtures.ShopOptions);
        var lib = GenerationFixtures.FileAt(generated, "lib/loadtest.js").Content;
        var folder = Directory.CreateTempSubdirectory("loadtest-js-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "loadtest.mjs"), lib.Replace(
                "import encoding from 'k6/encoding';",
                "const encoding = { b64encode: (s) => Buffer.from(s).toString('base64'), b64decode: (s, enc, fmt) => Buffer.from(s, 'base64url').toString('utf8') };",
                StringComparison.Ordinal).Replace(
                "import exec from 'k6/execution';",
                "const exec = { test: { abort: (reason) => { throw new Error(reason); } } };",
                StringComparison.Ordinal));
            var input = new JsonObject
            {
                ["cases"] = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
                {
                    ["default"] = c.Default,
                    ["build"] = JsonSerializerDictionary(c.Build),
                    ["env"] = JsonSerializerDictionary(c.Env),
                    ["share"] = c.Share,
                })]),
                ["programs"] = new JsonArray([.. Patterns.Select(p => { PatternProgram.TryParse(p, out var program, out _); return JsonNode.Parse(program!.ToJson()); })]),
                ["helpers"] = new JsonArray([.. HelperShapes.Keys.Select(k => (JsonNode)k)]),
                ["refused"] = new JsonArray([.. Refused.Select(c => (JsonNode)new JsonObject
                {
                    ["default"] = c.Default,
                    ["build"] = JsonSerializerDictionary(c.Build),
                    ["env"] = JsonSerializerDictionary(c.Env),
                })]),
            };
            File.WriteAllText(Path.Combine(folder.FullName, "input.json"), input.ToJsonString());
            File.WriteAllText(Path.Combine(folder.FullName, "driver.mjs"), """
                import { readFileSync } from 'node:fs';
                globalThis.__VU = 3;
                globalThis.__ENV = {};
                const lt = await import('./loadtest.mjs');
                const input = JSON.parse(readFileSync(new URL('./input.json', import.meta.url), 'utf8'));
                const cases = input.cases.map((c) => {
                  globalThis.__ENV = c.env;
                  const profile = lt.resolveProfile(c.default, c.build);
                  return { name: profile.name, timeScale: profile.timeScale, scenario: lt.scenario(profile, c.share, 'f'), thresholds: lt.thresholds(profile, ['GET /x'], ['errors']) };
                });
                const refused = input.refused.map((c) => {
                  globalThis.__ENV = c.env;
                  try { lt.resolveProfile(c.default, c.build); return 'accepted'; } catch (e) { return String(e.message); }
                });
                globalThis.__ENV = {};
                const patterns = input.programs.map((p) => Array.from({ length: 300 }, () => lt.pattern(p)));
                const helpers = {};
                for (const h of input.helpers) helpers[h] = Array.from({ length: 200 }, () => lt[h]());
                const quantities = Array.from({ length: 5000 }, () => lt.small(1, 10));
                globalThis.__ENV = { LOADTEST_THINK_TIME: '4-6' };
                const thinks = Array.from({ length: 200 }, () => lt.thinkTime(1, 3, 0.5));
                console.log(JSON.stringify({ cases, refused, patterns, helpers, quantities, thinks }));
                """);
            var start = new ProcessStartInfo(node, "driver.mjs") { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("node did not finish in 30 s");
            }

            Assert.True(process.ExitCode == 0, await stderr);
            var result = JsonNode.Parse(await stdout)!.AsObject();

            for (var i = 0; i < Cases.Length; i++)
            {
                var (defaultProfile, build, env, share) = Cases[i];
                var resolved = LoadProfiles.Resolve(defaultProfile, build, name => env.GetValueOrDefault(name));
                var js = result["cases"]![i]!.AsObject();
                var where = $"case {i} ({defaultProfile}, env {string.Join(",", env.Select(e => e.Key + "=" + e.Value))})";
                Assert.Equal(resolved.Name, js["name"]!.GetValue<string>());
                Assert.Equal(resolved.TimeScale, js["timeScale"]!.GetValue<double>());
                Assert.True(JsonNode.DeepEquals(Scenario(resolved.ExecutorFor(share)), js["scenario"]), $"{where}: C# {Scenario(resolved.ExecutorFor(share)).ToJsonString()} JS {js["scenario"]!.ToJsonString()}");
                Assert.True(JsonNode.DeepEquals(Thresholds(resolved), js["thresholds"]), $"{where}: C# {Thresholds(resolved).ToJsonString()} JS {js["thresholds"]!.ToJsonString()}");
            }

            for (var i = 0; i < Refused.Length; i++)
            {
                var (defaultProfile, build, env, code) = Refused[i];
                var csharp = Assert.Throws<LoadTest.Runtime.Execution.LoadTestConfigurationException>(() => LoadProfiles.Resolve(defaultProfile, build, name => env.GetValueOrDefault(name)));
                var js = result["refused"]![i]!.GetValue<string>();
                Assert.Equal(code, csharp.Code);
                Assert.StartsWith(code + ":", js, StringComparison.Ordinal);
            }

            for (var i = 0; i < Patterns.Length; i++)
            {
                Assert.All(result["patterns"]![i]!.AsArray(), v => Assert.Matches(Patterns[i], v!.GetValue<string>()));
            }

            var random = new Random(1);
            foreach (var (helper, shape) in HelperShapes)
            {
                Assert.All(result["helpers"]![helper]!.AsArray(), v => Assert.Matches(shape, v!.GetValue<string>()));
                var method = typeof(Payload).GetMethod(char.ToUpperInvariant(helper[0]) + helper[1..], [typeof(Random)])!;
                Assert.Matches(shape, (string)method.Invoke(null, [random])!);
            }

            Assert.All(result["thinks"]!.AsArray(), t => Assert.InRange(t!.GetValue<double>(), 2, 3));

            // Same rule, same distribution: the share of 1s among JS quantities is close to the C# share.
            var jsOnes = result["quantities"]!.AsArray().Count(q => q!.GetValue<int>() == 1) / 5000.0;
            var csOnes = Enumerable.Range(0, 5000).Count(_ => Payload.Small(random, 1, 10) == 1) / 5000.0;
            Assert.InRange(jsOnes - csOnes, -0.04, 0.04);
            output.WriteLine($"node ran the helper module: {Cases.Length} profile cases agree; share of quantity 1: JS {jsOnes:P1}, C# {csOnes:P1}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static JsonObject JsonSerializerDictionary(Dictionary<string, string> values) =>
        new([.. values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]);

    /// <summary>The C# executor in k6's options.scenarios shape (what lt.scenario returns).</summary>
    private static JsonObject Scenario(ExecutorConfig executor)
    {
        JsonArray Stages(IEnumerable<Stage> stages) =>
            new([.. stages.Select(s => (JsonNode)new JsonObject { ["duration"] = K6Duration.Format(s.Duration), ["target"] = s.Target })]);

        return executor switch
        {
            ConstantVus c => new JsonObject { ["executor"] = c.Kind, ["vus"] = c.Vus, ["duration"] = K6Duration.Format(c.Duration), ["exec"] = "f" },
            RampingVus r => new JsonObject { ["executor"] = r.Kind, ["startVUs"] = r.StartVus, ["stages"] = Stages(r.Stages), ["exec"] = "f" },
            RampingArrivalRate a => new JsonObject
            {
                ["executor"] = a.Kind,
                ["startRate"] = a.StartRate,
                ["timeUnit"] = K6Duration.Format(a.TimeUnit),
                ["preAllocatedVUs"] = a.PreAllocatedVus,
                ["maxVUs"] = a.MaxVus,
                ["stages"] = Stages(a.Stages),
                ["exec"] = "f",
            },
            _ => throw new InvalidOperationException(executor.Kind),
        };
    }

    private static JsonObject Thresholds(ResolvedProfile profile)
    {
        var result = new JsonObject();
        foreach (var (metric, specs) in profile.Thresholds(["GET /x"], ["errors"]))
        {
            result[metric] = new JsonArray([.. specs.Select(s => s.AbortOnFail
                ? new JsonObject { ["threshold"] = s.Expression, ["abortOnFail"] = true, ["delayAbortEval"] = K6Duration.Format(s.DelayAbortEval) }
                : (JsonNode)s.Expression)]);
        }

        return result;
    }
}
