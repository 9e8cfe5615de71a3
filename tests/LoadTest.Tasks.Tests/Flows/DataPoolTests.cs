using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Payloads;

namespace LoadTest.Tasks.Tests.Flows;

/// <summary>
/// The data pool at run time: each virtual user its own row by default (per-vu), the next row every iteration
/// (sequential) or any (random), as the k6 scripts do; a missing or empty file stops the run with its code and path.
/// </summary>
public sealed class DataPoolTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-pool-").FullName;

    private DataPool Pool(string content, string name = "users.csv")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return DataPool.Load(path);
    }

    [Fact]
    public void Per_vu_gives_each_virtual_user_its_own_row_and_wraps_around()
    {
        var pool = Pool("username,password\nalice,a\nbob,b\ncarol,c\n");
        var random = new Random(1);

        var names = Enumerable.Range(1, 7).Select(vu => pool.Row(vu, random, DataMode.PerVu)["username"]).ToList();

        Assert.Equal(["alice", "bob", "carol", "alice", "bob", "carol", "alice"], names);
        // The same VU keeps its row every iteration.
        Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal("bob", pool.Row(2, random, DataMode.PerVu)["username"]));
    }

    [Fact]
    public void Sequential_takes_the_next_row_each_time_and_random_any_row()
    {
        var pool = Pool("id\n1\n2\n3\n", "ids.csv");
        var random = new Random(3);

        var sequential = Enumerable.Range(0, 5).Select(_ => pool.Row(1, random, DataMode.Sequential)["id"]).ToList();
        var drawn = Enumerable.Range(0, 200).Select(_ => (string)pool.Row(1, random, DataMode.Random)["id"]!).ToHashSet();

        Assert.Equal(["1", "2", "3", "1", "2"], sequential);
        Assert.Equal(["1", "2", "3"], drawn.Order());
    }

    [Theory]
    [InlineData("", "users-empty.csv")]
    [InlineData("username,password\n", "users-header.csv")]
    [InlineData("[]", "users-empty.json")]
    public void An_empty_file_is_LT4101_with_its_path(string content, string name)
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() => Pool(content, name));
        Assert.Equal("LT4101", error.Code);
        Assert.Contains(Path.Combine(_folder, name), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_LT4100_with_its_path()
    {
        var missing = Path.Combine(_folder, "nowhere.csv");

        var error = Assert.Throws<LoadTestConfigurationException>(() => DataPool.Load(missing));

        Assert.Equal("LT4100", error.Code);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("LOADTEST_DATA_FILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_picks_the_file_and_mode_over_the_build_and_an_unknown_mode_is_LT4102()
    {
        var environment = new Dictionary<string, string> { [DataPoolSettings.FileVariable] = "/data/other.csv", [DataPoolSettings.ModeVariable] = "Sequential" };

        var fromBuild = DataPoolSettings.FromEnvironment(_ => null, "/build/users.csv", "per-vu");
        var fromEnvironment = DataPoolSettings.FromEnvironment(name => environment.GetValueOrDefault(name), "/build/users.csv", "per-vu");
        var error = Assert.Throws<LoadTestConfigurationException>(() => DataPoolSettings.FromEnvironment(name => name == DataPoolSettings.ModeVariable ? "round-robin" : null, "/b.csv", "per-vu"));

        Assert.Equal(new DataPoolSettings("/build/users.csv", DataMode.PerVu), fromBuild);
        Assert.Equal(new DataPoolSettings("/data/other.csv", DataMode.Sequential), fromEnvironment);
        Assert.Equal("LT4102", error.Code);
        Assert.Contains("per-vu, sequential, random", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
