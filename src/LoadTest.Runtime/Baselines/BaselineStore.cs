using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Baselines;

/// <summary>
/// Where a run's baseline lives and how it is refreshed. The baseline is a summary.json committed to the repository
/// (default <c>loadtest-baseline/&lt;run&gt;.summary.json</c>), or any file or folder named by <c>LOADTEST_BASELINE</c>.
/// </summary>
public static class BaselineStore
{
    public const string BaselineVariable = "LOADTEST_BASELINE";
    public const string UpdateVariable = "LOADTEST_UPDATE_BASELINE";
    public const string DefaultFolder = "loadtest-baseline";
    public const string FileSuffix = ".summary.json";

    /// <summary>The baseline file for <paramref name="runName"/>: LOADTEST_BASELINE (file, or folder holding &lt;run&gt;.summary.json), else the repository default.</summary>
    public static string Resolve(string runName, string repositoryRoot, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment(BaselineVariable);
        if (string.IsNullOrWhiteSpace(configured)) return Path.Combine(repositoryRoot, DefaultFolder, runName + FileSuffix);
        configured = configured.Trim();
        if (!Path.IsPathRooted(configured)) configured = Path.Combine(repositoryRoot, configured);
        return IsFolder(configured) ? Path.Combine(configured, runName + FileSuffix) : configured;
    }

    /// <summary>True when LOADTEST_UPDATE_BASELINE is 1 or true: the run refreshes its baseline instead of comparing.</summary>
    public static bool UpdateRequested(Func<string, string?> environment)
    {
        var value = environment(UpdateVariable)?.Trim();
        return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Where the baseline folder belongs: the nearest folder upwards holding <c>.git</c> (the repository root); outside a
    /// repository the nearest one holding a project file (the test project, not its <c>bin/…</c> output folder, which is
    /// where tests run); else <paramref name="start"/>.
    /// </summary>
    public static string FindRepositoryRoot(string start)
    {
        string? project = null;
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, ".git")) || File.Exists(Path.Combine(folder.FullName, ".git"))) return folder.FullName;
            if (project is null && IsProjectFolder(folder)) project = folder.FullName;
        }
        return project ?? start;
    }

    /// <summary>The baseline path as the user commits it: relative to the repository root when it is inside it.</summary>
    public static string DisplayPath(string baseline, string repositoryRoot)
    {
        var relative = Path.GetRelativePath(repositoryRoot, baseline);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? baseline : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static bool IsProjectFolder(DirectoryInfo folder)
    {
        try
        {
            return folder.EnumerateFiles("*.*proj").Any(f => f.Extension is ".csproj" or ".fsproj" or ".vbproj");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return false;
        }
    }

    /// <summary>
    /// The run's summary.json with per-operation counts and error rates from timeseries.ndjson (when it is there).
    /// This is what is compared and what <see cref="Update"/> stores.
    /// </summary>
    public static string LoadCurrent(string resultsDirectory)
    {
        var summary = File.ReadAllText(Path.Combine(resultsDirectory, SummaryWriter.SummaryFileName));
        var timeSeries = Path.Combine(resultsDirectory, TimeSeriesFile.FileName);
        return File.Exists(timeSeries) ? SummaryEnricher.AddOperationCounts(summary, TimeSeriesFile.Read(timeSeries)) : summary;
    }

    /// <summary>Copies the run's (enriched) summary over the baseline; returns the file written.</summary>
    /// <param name="resultsDirectory">The run's results folder, <c>&lt;results&gt;/&lt;run&gt;</c>.</param>
    /// <param name="baseline">The baseline file, or a folder (then <c>&lt;run&gt;.summary.json</c> inside it).</param>
    public static string Update(string resultsDirectory, string baseline)
    {
        var runName = Path.GetFileName(Path.TrimEndingDirectorySeparator(resultsDirectory));
        var target = IsFolder(baseline) ? Path.Combine(baseline, runName + FileSuffix) : baseline;
        var content = LoadCurrent(resultsDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        File.WriteAllText(target, content);
        return target;
    }

    // A path is a folder when it exists as one or does not end in .json (a folder yet to be created).
    private static bool IsFolder(string path) =>
        Directory.Exists(path) || !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
