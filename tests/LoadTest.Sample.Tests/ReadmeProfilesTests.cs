using LoadTest.Runtime.Profiles;

namespace LoadTest.Sample.Tests;

/// <summary>The README's profile table and the LoadTestProfile row name every built-in profile, with its executor.</summary>
public sealed class ReadmeProfilesTests
{
    [Fact]
    public void Readme_lists_every_built_in_profile()
    {
        var readme = File.ReadAllText(Path.Combine(K6ScriptRunTests.RepositoryRoot(), "README.md"));
        var propertyRow = readme.Split('\n').Single(line => line.StartsWith("| `LoadTestProfile`", StringComparison.Ordinal));

        Assert.NotEmpty(LoadProfiles.All);
        foreach (var profile in LoadProfiles.All)
        {
            Assert.Contains($"| `{profile.Name}` | {profile.Executor} |", readme);
            Assert.Contains($"`{profile.Name}`", propertyRow);
        }
    }
}
