using LoadTest.Tasks.Model;
using LoadTest.Tasks.Sources;
using LoadTest.Tasks.Sources.OpenApi;

namespace LoadTest.Tasks.Tests.Sources.OpenApi;

/// <summary>Where the OpenAPI fixtures and the shared public specs are, and small helpers to read them.</summary>
internal static class OpenApiTestFiles
{
    public static string Fixture(string relativePath) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "OpenApi", relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// The shared/specs folder: CI clones the repo beside a copy of shared/ (root/main-clone + root/shared), locally it is
    /// /work/shared beside /work/main; both are found by looking for "shared/specs" in every ancestor.
    /// </summary>
    public static string? SharedSpecsRoot { get; } = FindSharedSpecs();

    public const string SharedSpecsMissing =
        "shared/specs was not found in any ancestor of the test output folder; clone the repository beside its shared/ folder to run these tests.";

    public static string SharedSpec(string relativePath) =>
        Path.Combine(SharedSpecsRoot ?? throw new InvalidOperationException(SharedSpecsMissing), relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Reads as a build would, with the folder of fixtures (or of shared specs) as the project folder $refs may read.</summary>
    public static SourceReadResult Read(string path) => new OpenApiSourceReader(new ReferenceRoots(ProjectFolderOf(path))).Read(path);

    public static string ProjectFolderOf(string path)
    {
        var full = Path.GetFullPath(path);
        return SharedSpecsRoot is { } shared && full.StartsWith(Path.GetFullPath(shared) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? shared
            : Fixture("");
    }

    /// <summary>Reads a fixture that must be free of errors and returns its model.</summary>
    public static ApiModel ReadClean(string path)
    {
        var result = Read(path);
        Assert.False(result.HasErrors, string.Join(Environment.NewLine, result.Diagnostics.Select(Describe)));
        Assert.NotNull(result.Model);
        return result.Model;
    }

    /// <summary>1-based number of the only line of <paramref name="path"/> that contains <paramref name="marker"/>.</summary>
    public static int LineOf(string path, string marker)
    {
        var lines = File.ReadAllLines(path);
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"marker '{marker}' should appear once in {path}, found {matches.Count}");
        return matches[0] + 1;
    }

    public static ApiOperation Operation(ApiModel model, string operationId) =>
        Assert.Single(model.Operations, o => o.OperationId == operationId);

    public static string Describe(SourceDiagnostic d) => $"{d.Code} {d.Severity} {d.Location}: {d.Message}";

    private static string? FindSharedSpecs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "specs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A theory that is skipped, with the reason, when shared/specs cannot be found.</summary>
public sealed class SharedSpecsTheoryAttribute : TheoryAttribute
{
    public SharedSpecsTheoryAttribute()
    {
        if (OpenApiTestFiles.SharedSpecsRoot is null)
        {
            Skip = OpenApiTestFiles.SharedSpecsMissing;
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when shared/specs cannot be found.</summary>
public sealed class SharedSpecsFactAttribute : FactAttribute
{
    public SharedSpecsFactAttribute()
    {
        if (OpenApiTestFiles.SharedSpecsRoot is null)
        {
            Skip = OpenApiTestFiles.SharedSpecsMissing;
        }
    }
}
