namespace LoadTest.EndToEnd.Tests.Infrastructure;

/// <summary>
/// In the model of SourceLink's DotNetSdkTestBase: packs LoadTest.Sdk once into a temporary folder with a unique version,
/// and gives each consumer project a nuget.config that clears every source but that folder and a folder feed of the
/// packages already restored, plus its own NUGET_PACKAGES, so what is tested is the package just built.
/// </summary>
public sealed class PackagedSdkFixture : IDisposable
{
    public string Root { get; }
    public string PackagesFolder { get; }
    public string PackageCache { get; }
    public string Version { get; }

    public PackagedSdkFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "loadtest-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        PackagesFolder = Path.Combine(Root, "packages");
        PackageCache = Path.Combine(Root, "nuget-cache");
        Directory.CreateDirectory(PackagesFolder);
        Version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

        var pack = DotNetCli.Run(RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(6),
            "pack", "src/LoadTest.Sdk/LoadTest.Sdk.csproj", "-c", "Release", "-o", PackagesFolder, $"-p:Version={Version}");
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack failed:\n" + pack);
        }
        PackagePath = Path.Combine(PackagesFolder, $"LoadTest.Sdk.{Version}.nupkg");
    }

    public string PackagePath { get; }

    /// <summary>Where this machine keeps restored packages; used as an offline folder feed for xunit and friends.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public ConsumerProject CreateConsumer(string name) => new(this, Path.Combine(Root, name));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run for it is not.
        }
    }
}
