namespace LoadTest.EndToEnd.Tests.Infrastructure;

/// <summary>A real consumer test project that references the freshly packed LoadTest.Sdk.</summary>
public sealed class ConsumerProject
{
    private readonly PackagedSdkFixture _sdk;

    public ConsumerProject(PackagedSdkFixture sdk, string directory)
    {
        _sdk = sdk;
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="under-test" value="{sdk.PackagesFolder}" />
                <add key="restored" value="{PackagedSdkFixture.GlobalPackagesFolder}" />
              </packageSources>
            </configuration>
            """);
        // Keep the repository's central package management and build settings out of the consumer.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
    }

    public string Directory { get; }
    public string Name => Path.GetFileName(Directory);
    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");
    public string ScriptsDirectory => Path.Combine(Directory, "load-tests");
    public string GeneratedDirectory => Path.Combine(Directory, "obj", "Debug", "net10.0", "LoadTests");

    /// <summary>xunit v2 with the VSTest adapter, as the README's example project.</summary>
    public const string XunitV2Packages = """
        <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
        <PackageReference Include="xunit" Version="2.9.3" />
        <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
        """;

    public void WriteProject(string extraItems = "", string extraProperties = "", string testPackages = XunitV2Packages) =>
        File.WriteAllText(ProjectFile, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LoadTest.Sdk" Version="{_sdk.Version}" />
                {testPackages}
                {extraItems}
              </ItemGroup>
            </Project>
            """);

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public CommandResult Dotnet(params string[] args) => Dotnet(new Dictionary<string, string?>(), args);

    public CommandResult Dotnet(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var env = new Dictionary<string, string?>(environment) { ["NUGET_PACKAGES"] = _sdk.PackageCache };
        return DotNetCli.Run(Directory, env, TimeSpan.FromMinutes(5), args);
    }
}
