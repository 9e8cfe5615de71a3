using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace LoadTest.Tasks.Build;

/// <summary>
/// Behind LoadTestClean: deletes the files the last generation wrote (its manifest lists them), including k6 scripts
/// outside obj/ unless CleanScripts is false, then the now empty folders it created.
/// </summary>
public sealed class CleanLoadTests : MSBuildTask
{
    [Required] public string ManifestFile { get; set; } = "";
    [Required] public string GeneratedDirectory { get; set; } = "";
    public bool CleanScripts { get; set; } = true;

    public override bool Execute()
    {
        var generatedRoot = Path.GetFullPath(GeneratedDirectory);
        var deleted = 0;
        foreach (var path in GeneratedFileWriter.ReadManifest(ManifestFile))
        {
            var insideObj = path.StartsWith(generatedRoot, StringComparison.Ordinal);
            if ((insideObj || CleanScripts) && File.Exists(path))
            {
                File.Delete(path);
                deleted++;
                RemoveEmptyParents(Path.GetDirectoryName(path));
            }
        }
        if (Directory.Exists(generatedRoot))
        {
            Directory.Delete(generatedRoot, recursive: true);
        }
        Log.LogMessage(MessageImportance.Normal, "LoadTest.Sdk: removed {0} generated file(s).", deleted);
        return true;
    }

    private static void RemoveEmptyParents(string? directory)
    {
        while (directory is not null && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory);
        }
    }
}
