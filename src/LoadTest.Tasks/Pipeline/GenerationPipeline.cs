using LoadTest.Tasks.Generation;
using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources;

namespace LoadTest.Tasks.Pipeline;

/// <summary>
/// Sources → model → generated files, without touching the disk for output: the MSBuild task does the writing.
/// Each source is generated on its own, named after its file or folder.
/// </summary>
public static class GenerationPipeline
{
    public static GenerationOutput Run(PipelineRequest request, CancellationToken cancellationToken = default)
    {
        var files = new List<GeneratedFile>();
        var diagnostics = new List<SourceDiagnostic>();
        var messages = new List<string>();
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var source in request.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = SourceReaders.Read(source, cancellationToken);
            diagnostics.AddRange(read.Diagnostics);
            if (read.Model is null || read.HasErrors)
            {
                continue;
            }

            var name = UniqueName(SourceNames.FromPath(source.Path), usedNames);
            var settings = request.Settings;
            var options = new GenerationOptions(name, settings.RootNamespace)
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
            };
            var output = LoadTestGenerator.Generate(read.Model, options);
            files.AddRange(output.Files);
            diagnostics.AddRange(output.Diagnostics);
            messages.AddRange(output.Messages);
        }
        return new GenerationOutput(files, diagnostics) { Messages = messages };
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{name}{i}";
        }
        return candidate;
    }
}
