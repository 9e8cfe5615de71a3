using System.Text.Json;
using LoadTest.Runtime.Payloads;
using LoadTest.Runtime.Profiles;
using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning.Inference;

namespace LoadTest.Tasks.Planning;

/// <summary>Builds the <see cref="LoadPlan"/> for a model and the build's options; problems become LT20xx diagnostics.</summary>
internal static class LoadPlanner
{
    public static LoadPlan Build(ApiModel model, GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        var optionsLocation = new SourceLocation(options.SourceName);
        var dataPool = ReadDataPool(options, diagnostics);
        var prefix = AuthPrefix(options, optionsLocation, diagnostics);
        var payloads = new PayloadPlanner(model, diagnostics, dataPool);
        var steps = new StepBuilder(model, payloads, diagnostics);
        var graph = DependencyGraph.Build(model, schema => payloads.Resolve(schema, ImmutableStack.Empty));
        ReportIgnoredLinks(graph, model, diagnostics);
        var session = new SessionBinder(AuthPlanner.FindSession(model, graph));
        var auth = AuthPlanner.Plan(new AuthInputs(model, graph, steps, session, dataPool, prefix, diagnostics));
        if (!session.Active)
        {
            // Without a login there is no session: sign-up and login are ordinary operations of the flows.
            session = new SessionBinder(SessionOperations.None with { LeftOut = session.Operations.LeftOut });
        }

        var planner = new FlowPlanner(model, steps, graph, session, diagnostics);
        var flows = new List<FlowPlan>();
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
            flows.AddRange(planner.InferredFlows(auth));
            ReportUnfed(flows, model, diagnostics);
        }

        auth = session.Apply(auth);
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
            LeftOut = [.. session.Operations.LeftOut.Select(o => $"{o.DisplayName}: a logout would end the session the other steps need.")],
        };
    }

    /// <summary>
    /// LT2030: one warning naming every required input of the default flows that no operation produces, with the
    /// value generated instead, so the user sees where to declare a flow (flows.md lists them all).
    /// </summary>
    private static void ReportUnfed(IReadOnlyList<FlowPlan> flows, ApiModel model, List<SourceDiagnostic> diagnostics)
    {
        const int Shown = 12;
        var unfed = flows
            .SelectMany(f => f.Bindings.Where(b => b.Unfed).Select(b => (Step: f.Steps[b.Step], Note: b)))
            .DistinctBy(u => (u.Step.OperationName, u.Note.Input))
            .ToList();
        if (unfed.Count == 0)
        {
            return;
        }

        var first = model.Operations.FirstOrDefault(o => o.DisplayName == unfed[0].Step.OperationName);
        var lines = unfed.Take(Shown).Select(u => $"{u.Step.OperationName} {u.Note.Input} (sends {u.Note.Fallback})");
        diagnostics.Add(SourceDiagnostic.Warning("LT2030",
            $"{unfed.Count} required input(s) of the default flows have no producer in {model.Title}, so a generated value is sent: {string.Join("; ", lines)}{(unfed.Count > Shown ? $"; and {unfed.Count - Shown} more (see flows.md)" : "")}.",
            first?.Location ?? new SourceLocation(model.Title),
            "Where a real value is needed, declare the flow with LoadTestFlow (bind it with name=step.path), add an OpenAPI link, or give it a LoadTestDataFile column of that name."));
    }

    /// <summary>LT2035: one warning naming every OpenAPI link parameter the flows do not follow, and why.</summary>
    private static void ReportIgnoredLinks(DependencyGraph graph, ApiModel model, List<SourceDiagnostic> diagnostics)
    {
        const int Shown = 12;
        var ignored = graph.IgnoredLinks;
        if (ignored.Count == 0)
        {
            return;
        }

        var lines = ignored.Take(Shown).Select(l => l.Parameter.Length == 0
            ? $"{l.Operation.DisplayName} → {l.Target} ({l.Why})"
            : $"{l.Operation.DisplayName} → {l.Target} {l.Parameter} = {l.Expression} ({l.Why})");
        diagnostics.Add(SourceDiagnostic.Warning("LT2035",
            $"{ignored.Count} OpenAPI link parameter(s) in {model.Title} are not followed: {string.Join("; ", lines)}{(ignored.Count > Shown ? $"; and {ignored.Count - Shown} more" : "")}.",
            ignored[0].Operation.Location,
            "Those inputs take their value from another producer or a generated one (flows.md shows which). Point the link at a response or request body member, or bind the input in a LoadTestFlow (name=step.path)."));
    }

    /// <summary>LoadTestAuthPrefix as sent: "Token" becomes "Token "; control characters are LT3046.</summary>
    private static string? AuthPrefix(GenerationOptions options, SourceLocation location, List<SourceDiagnostic> diagnostics)
    {
        if (options.AuthPrefix is not { Length: > 0 } prefix)
        {
            return null;
        }

        if (prefix.Any(char.IsControl))
        {
            diagnostics.Add(SourceDiagnostic.Error("LT3046", "LoadTestAuthPrefix contains a control character (a line break?); it cannot go into a header.", location,
                "Set it to the text before the token, e.g. <LoadTestAuthPrefix>Token</LoadTestAuthPrefix>."));
            return null;
        }

        return prefix.EndsWith(' ') ? prefix : prefix + " ";
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

    /// <summary>
    /// The data file's column names (CSV header or the JSON objects' members) and text; the rows are read again at run
    /// time. A missing file is LT2031, an unreadable or empty one LT2032, an unknown row mode LT3045: errors, because
    /// a load test that silently sends made-up users instead is worse than none.
    /// </summary>
    private static DataPoolPlan? ReadDataPool(GenerationOptions options, List<SourceDiagnostic> diagnostics)
    {
        var mode = "per-vu";
        if (options.DataMode is { Length: > 0 } requested)
        {
            if (DataPoolSettings.TryParseMode(requested, out var parsed))
            {
                mode = DataPoolSettings.ModeNames[(int)parsed];
            }
            else
            {
                diagnostics.Add(SourceDiagnostic.Error("LT3045", $"LoadTestDataMode '{requested}' is not a data mode.", new SourceLocation(options.SourceName),
                    $"Use one of: {string.Join(", ", DataPoolSettings.ModeNames)} (per-vu gives each virtual user its own row)."));
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataFile))
        {
            return null;
        }

        var path = Path.GetFullPath(options.DataFile);
        var location = new SourceLocation(path);
        if (!File.Exists(path))
        {
            diagnostics.Add(SourceDiagnostic.Error("LT2031", $"Data file {path} (LoadTestDataFile) does not exist.", location,
                "Fix the LoadTestDataFile path (relative paths are relative to the project folder), or remove the property."));
            return null;
        }

        try
        {
            var text = File.ReadAllText(path);
            var rows = DataPool.Parse(text, path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
            var fields = rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (rows.Count == 0 || fields.Count == 0)
            {
                diagnostics.Add(SourceDiagnostic.Error("LT2032", $"Data file {path} has no rows with named fields.", location,
                    "Give a CSV a header row and at least one data row, or a JSON file an array of objects."));
                return null;
            }

            return new DataPoolPlan(path, fields) { Mode = mode, Content = text };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException)
        {
            diagnostics.Add(SourceDiagnostic.Error("LT2032", $"Data file {path} cannot be read: {e.Message}", location,
                "Check that the file is CSV with a header row or a JSON array of objects, and that it is readable."));
            return null;
        }
    }
}
