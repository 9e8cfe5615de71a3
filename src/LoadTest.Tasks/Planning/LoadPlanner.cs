using System.Text.Json;
using LoadTest.Runtime.Payloads;
using LoadTest.Runtime.Profiles;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;

namespace LoadTest.Tasks.Planning;

/// <summary>Builds the <see cref="LoadPlan"/> for a model and the build's options; problems become LT20xx diagnostics.</summary>
internal static class LoadPlanner
{
    public static LoadPlan Build(ApiModel model, GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        var dataPool = ReadDataPool(options, diagnostics);
        var payloads = new PayloadPlanner(model, diagnostics, dataPool);
        var steps = new StepBuilder(model, payloads, diagnostics);
        var auth = AuthPlanner.Plan(model, payloads, steps, dataPool, diagnostics);
        var login = auth.Kind == AuthKind.Login ? AuthPlanner.FindLogin(model, payloads, out _) : null;
        var planner = new FlowPlanner(model, payloads, steps, diagnostics);

        var flows = new List<FlowPlan>();
        var optionsLocation = new SourceLocation(options.SourceName);
        if (options.Flows.Count > 0)
        {
            flows.AddRange(planner.DeclaredFlows(options.Flows.Select(f => (f.Name, f.Steps, optionsLocation)), auth));
        }

        if (options.ArazzoFile is { } arazzo)
        {
            flows.AddRange(ArazzoFlows.Read(arazzo, model, planner, auth, diagnostics));
        }

        if (options.Flows.Count == 0 && options.ArazzoFile is null)
        {
            flows.AddRange(planner.GroupFlows(auth, login));
        }

        if (model.Operations.Count == 0)
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2005", $"{model.Title} has no operations: no load test is generated.", optionsLocation,
                "Check that the source lists its routes (paths in OpenAPI, routes in Express, controllers in ASP.NET Core)."));
        }

        var defaultProfile = options.DefaultProfile;
        if (LoadProfiles.Find(defaultProfile) is null)
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2007", $"Unknown default load profile '{defaultProfile}'; 'smoke' is used.", optionsLocation,
                $"Use one of: {string.Join(", ", LoadProfiles.All.Select(p => p.Name))}."));
            defaultProfile = "smoke";
        }

        var problems = new List<string>();
        ProfileOverrides.Read(options.ProfileOverrides, _ => null, problems);
        foreach (var problem in problems)
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2014", $"Build-time profile override {problem.Replace("LOADTEST_", "", StringComparison.Ordinal)}.", optionsLocation,
                "Use whole numbers for vus and rate, a duration like 5m for duration, a positive number for timeScale."));
        }

        flows = ApplyFlowSettings(flows, options.ProfileOverrides, optionsLocation, diagnostics);
        return new LoadPlan(model.Title, options.SourceName, flows, auth)
        {
            DefaultProfile = defaultProfile.ToLowerInvariant(),
            ProfileOverrides = new SortedDictionary<string, string>(options.ProfileOverrides.ToDictionary(), StringComparer.Ordinal),
            Seed = options.Seed,
            DataPool = dataPool,
        };
    }

    /// <summary>
    /// Build-time flow settings carried in ProfileOverrides: <c>thinkTime</c> ("1-3" seconds, "0" for none) and
    /// <c>weights</c> ("checkout=3,browse=1": shares of the all-flows run).
    /// </summary>
    private static List<FlowPlan> ApplyFlowSettings(List<FlowPlan> flows, IReadOnlyDictionary<string, string> settings, SourceLocation location, List<SourceDiagnostic> diagnostics)
    {
        if (settings.TryGetValue("thinkTime", out var thinkTime))
        {
            if (Payload.TryParseRange(thinkTime, out var min, out var max))
            {
                flows = [.. flows.Select(f => f with { ThinkTime = new ThinkTime(min, max) })];
            }
            else
            {
                diagnostics.Add(SourceDiagnostic.Warning("LT2014", $"Build-time setting thinkTime='{thinkTime}' is not a range of seconds like 1-3; the default 1-3 s is used.", location,
                    "Write thinkTime as 'min-max' seconds (e.g. 0.5-2), or 0 for no pause."));
            }
        }

        if (settings.TryGetValue("weights", out var weights))
        {
            foreach (var entry in weights.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
                var name = Naming.Snake(parts[0]);
                var index = flows.FindIndex(f => f.Name == name);
                if (parts.Length != 2 || index < 0 || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var weight) || weight <= 0)
                {
                    diagnostics.Add(SourceDiagnostic.Warning("LT2014", $"Build-time setting weights: '{entry}' names no flow or has no positive weight; it is ignored.", location,
                        $"Write weights as 'flow=number' pairs separated by commas; flows: {string.Join(", ", flows.Select(f => f.Name))}."));
                    continue;
                }

                flows[index] = flows[index] with { Weight = weight };
            }
        }

        return flows;
    }

    /// <summary>The data file's column names (CSV header or the first JSON object's members); the rows are read at run time.</summary>
    private static DataPoolPlan? ReadDataPool(GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(options.DataFile))
        {
            return null;
        }

        var location = new SourceLocation(options.DataFile);
        try
        {
            var text = File.ReadAllText(options.DataFile);
            var json = options.DataFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            var rows = DataPool.Parse(text, json);
            var fields = rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (fields.Count == 0)
            {
                diagnostics.Add(SourceDiagnostic.Warning("LT2006", $"Data file {options.DataFile} has no rows with named fields; it is ignored.", location,
                    "Give a CSV a header row and at least one data row, or a JSON file an array of objects."));
                return null;
            }

            return new DataPoolPlan(options.DataFile, fields);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            diagnostics.Add(SourceDiagnostic.Warning("LT2006", $"Data file {options.DataFile} cannot be read: {e.Message}", location,
                "Check the LoadTestDataFile path, and that the file is CSV with a header row or a JSON array of objects."));
            return null;
        }
    }
}
