namespace LoadTest.EndToEnd.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest ancestor holding LoadTest.Sdk.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LoadTest.Sdk.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("LoadTest.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
