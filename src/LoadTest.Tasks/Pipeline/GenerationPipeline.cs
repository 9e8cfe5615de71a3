using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Planning;
using LoadTest.Tasks.Sources;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Pipeline;

/// <summary>
/// Sources → model → generated files, without touching the disk for output: the MSBuild task does the writing.
/// Each source is planned on its own, named after its file or folder. All sources share one scripts folder and one
/// C# namespace, so names are settled across them before rendering: a flow name (or an all-flows script) that more
/// than one source has is prefixed with its source's name (LT2020), so no script overwrites another and no class
/// is declared twice.
/// </summary>
public static class GenerationPipeline
{
    public static GenerationOutput Run(PipelineRequest request, CancellationToken cancellationToken = default)
    {
        var diagnostics = new List<SourceDiagnostic>();
        var messages = new List<string>();
        var settings = request.Settings;
        var references = new ReferenceRoots(settings.ProjectDirectory, settings.AllowedReferenceRoots);
        var sourceClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var planned = new List<(SourceRequest Source, GenerationOptions Options, LoadPlan Plan)>();

        foreach (var source in request.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = SourceReaders.Read(source, cancellationToken, references);
            diagnostics.AddRange(read.Diagnostics);
            if (read.Model is null || read.HasErrors)
            {
                continue;
            }

            // Source names become class and file name prefixes: unique in their final (Pascal) form.
            var baseName = SourceNames.FromPath(source.Path);
            var name = baseName;
            for (var i = 2; !sourceClasses.Add(Naming.Pascal(name)); i++)
            {
                name = baseName + i;
            }

            var options = LoadTestGenerator.Normalize(new GenerationOptions(name, settings.RootNamespace)
            {
                TestFramework = settings.TestFramework,
                Flows = request.Flows,
                TemplatesDirectory = settings.TemplatesDirectory,
                DefaultProfile = settings.DefaultProfile,
                ProfileOverrides = settings.ProfileOverrides,
                Seed = settings.Seed,
                DataFile = settings.DataFile,
                DataMode = settings.DataMode,
                AuthPrefix = settings.AuthPrefix,
                ArazzoFile = settings.ArazzoFile,
                ScriptsRelativeToProject = settings.ScriptsRelativeToProject,
            }, diagnostics);
            if (LoadTestGenerator.Plan(read.Model, options, diagnostics) is { } plan)
            {
                planned.Add((source, options, plan));
            }
        }

        var files = new List<GeneratedFile>();
        var byPath = new Dictionary<string, GeneratedFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, options, plan) in SettleNames(planned, diagnostics))
        {
            var output = LoadTestGenerator.Render(plan, options, diagnostics);
            messages.AddRange(output.Messages);
            foreach (var file in output.Files)
            {
                Add(files, byPath, file, source, diagnostics);
            }
        }

        return new GenerationOutput(files, diagnostics) { Messages = messages };
    }

    /// <summary>
    /// Flow names (k6 scenario and script names, C# class names) and all-flows script names unique across sources:
    /// a name more than one source wants gets the source's name in front of it, in every source that wants it.
    /// </summary>
    private static IEnumerable<(SourceRequest Source, GenerationOptions Options, LoadPlan Plan)> SettleNames(
        IReadOnlyList<(SourceRequest Source, GenerationOptions Options, LoadPlan Plan)> planned, List<SourceDiagnostic> diagnostics)
    {
        var wanted = planned
            .SelectMany(p => p.Plan.Flows.Select(f => GeneratedText.ScenarioName(f.Name)).Distinct(StringComparer.OrdinalIgnoreCase))
            .GroupBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var mixes = planned.Count(p => p.Plan.Flows.Count > 1);
        var taken = new NameScope(["lib"]);
        var settled = new List<(SourceRequest, GenerationOptions, LoadPlan)>();

        foreach (var (source, options, plan) in planned)
        {
            var prefix = Naming.Snake(options.SourceName);
            var flows = new List<FlowPlan>();
            foreach (var flow in plan.Flows)
            {
                var name = GeneratedText.ScenarioName(flow.Name);
                var unique = taken.Claim(wanted[name] > 1 ? $"{prefix}_{name}" : name, "_");
                if (!string.Equals(unique, name, StringComparison.OrdinalIgnoreCase))
                {
                    diagnostics.Add(SourceDiagnostic.Warning("LT2020",
                        $"Flow '{name}' of {Path.GetFileName(source.Path)} has the name of a flow of another LoadTestSource; it is generated as '{unique}' ({unique}.js, {Naming.Pascal(unique)}Scenario).",
                        new SourceLocation(source.Path),
                        "Nothing to do unless scripts or settings refer to the flow by name: use the new name there, or rename a tag or LoadTestFlow so the names differ."));
                }

                flows.Add(flow with { Name = unique });
            }

            var allFlows = plan.Flows.Count > 1 ? taken.Claim(mixes > 1 ? $"{prefix}-all-flows" : "all-flows", "_") : "all-flows";
            if (plan.Flows.Count > 1 && allFlows != "all-flows")
            {
                diagnostics.Add(SourceDiagnostic.Warning("LT2020",
                    $"Several LoadTestSources have more than one flow; the script that runs every flow of {Path.GetFileName(source.Path)} is '{allFlows}.js' (not all-flows.js).",
                    new SourceLocation(source.Path),
                    "Run that script (or set LoadTestKubernetesScript to it) to load every flow of this source at once."));
            }

            var flowsDocument = planned.Count > 1 ? $"{prefix}.flows.md" : "flows.md";
            settled.Add((source, options with { AllFlowsName = allFlows, FlowsDocument = flowsDocument }, plan with { Flows = flows }));
        }

        return settled;
    }

    /// <summary>Adds a generated file; a second file for the same path is fine when identical (the helper module), else an error.</summary>
    private static void Add(List<GeneratedFile> files, Dictionary<string, GeneratedFile> byPath, GeneratedFile file, SourceRequest source, List<SourceDiagnostic> diagnostics)
    {
        // Case-insensitive: the scripts folder may be on a file system that is.
        var key = file.Kind + ":" + file.RelativePath.Replace('\\', '/');
        if (!byPath.TryGetValue(key, out var existing))
        {
            byPath[key] = file;
            files.Add(file);
        }
        else if (existing.Content != file.Content)
        {
            diagnostics.Add(SourceDiagnostic.Error("LT2021",
                $"Two LoadTestSources generate different files named {file.RelativePath}; {Path.GetFileName(source.Path)}'s would overwrite the other's, so neither is trusted.",
                new SourceLocation(source.Path),
                "Please report this; meanwhile generate the sources in separate projects, or give them different LoadTestScriptsDir folders."));
        }
    }
}
