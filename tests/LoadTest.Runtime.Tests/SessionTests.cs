using System.Reflection;
using System.Reflection.Emit;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests;

public class SessionTests
{
    private static readonly string[] Variables = ["BASE_URL", "LOADTEST_RESULTS_DIR", "LOADTEST_SEED", "LOADTEST_QUIET", "LOADTEST_VUS", "LOADTEST_VU", "LOADTEST_USERNAME"];

    private static Assembly AssemblyWith(params CustomAttributeBuilder[] attributes) =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("SessionTarget" + Guid.NewGuid().ToString("N")), AssemblyBuilderAccess.Run, attributes);

    private static CustomAttributeBuilder Metadata(string key, string value) =>
        new(typeof(AssemblyMetadataAttribute).GetConstructor([typeof(string), typeof(string)])!, [key, value]);

    private static CustomAttributeBuilder Provider(Type type) =>
        new(typeof(LoadTestTargetProviderAttribute).GetConstructor([typeof(Type)])!, [type]);

    private static async Task WithCleanEnvironment(Func<Task> body)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
            Environment.SetEnvironmentVariable("LOADTEST_QUIET", "1");
            await body();
        }
        finally
        {
            foreach (var (variable, value) in saved) Environment.SetEnvironmentVariable(variable, value);
        }
    }

    private static LoadTestPlan OneRequest() =>
        new("session", [new Scenario("s", new PerVuIterations(1, 1), TestPlans.Get())]);

    [Fact]
    public Task Without_any_target_the_error_says_to_set_BASE_URL() => WithCleanEnvironment(async () =>
    {
        var error = await Assert.ThrowsAsync<LoadTestConfigurationException>(() => LoadTestSession.RunAsync(OneRequest(), AssemblyWith(), CancellationToken.None));

        Assert.Equal("LT4050", error.Code);
        Assert.Contains("BASE_URL", error.Message);
    });

    [Fact]
    public Task Base_url_and_results_directory_come_from_assembly_metadata() => WithCleanEnvironment(async () =>
    {
        await using var server = new TestServer();
        var results = TestPlans.TempResults();
        var assembly = AssemblyWith(Metadata("LoadTest.BaseUrl", server.BaseUrl.ToString()), Metadata("LoadTest.ResultsDirectory", results));

        var result = await LoadTestSession.RunAsync(OneRequest(), assembly, CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(Path.Combine(Path.GetFullPath(results), "session"), result.ResultsDirectory);
        Assert.True(File.Exists(Path.Combine(result.ResultsDirectory, "summary.json")));
        // The session hands the results to the report writer and says where the report is.
        Assert.NotNull(result.ReportPath);
        Assert.True(File.Exists(result.ReportPath), result.ReportPath);
    });

    [Fact]
    public Task The_environment_wins_over_metadata() => WithCleanEnvironment(async () =>
    {
        await using var server = new TestServer();
        Environment.SetEnvironmentVariable("BASE_URL", server.BaseUrl.ToString());
        Environment.SetEnvironmentVariable("LOADTEST_RESULTS_DIR", TestPlans.TempResults());
        var assembly = AssemblyWith(Metadata("LoadTest.BaseUrl", TestServer.ClosedPortUrl().ToString()));

        var result = await LoadTestSession.RunAsync(OneRequest(), assembly, CancellationToken.None);

        Assert.Equal(0, result.ErrorRate);
        Assert.Equal(1, server.Requests);
    });

    [Fact]
    public Task A_target_provider_is_started_and_disposed() => WithCleanEnvironment(async () =>
    {
        Environment.SetEnvironmentVariable("LOADTEST_RESULTS_DIR", TestPlans.TempResults());
        ServerProvider.Disposed = 0;

        var result = await LoadTestSession.RunAsync(OneRequest(), AssemblyWith(Provider(typeof(ServerProvider))), CancellationToken.None);

        Assert.Equal(0, result.ErrorRate);
        Assert.Equal(1, result.Requests);
        Assert.Equal(1, ServerProvider.Disposed);
    });

    [Fact]
    public Task A_bad_seed_is_rejected() => WithCleanEnvironment(async () =>
    {
        Environment.SetEnvironmentVariable("LOADTEST_SEED", "forty-two");

        var error = await Assert.ThrowsAsync<LoadTestConfigurationException>(() =>
            LoadTestSession.RunAsync(OneRequest(), AssemblyWith(Metadata("LoadTest.BaseUrl", "http://127.0.0.1:1/")), CancellationToken.None));

        Assert.Equal("LT4053", error.Code);
    });

    [Fact]
    public Task A_bad_setting_stops_the_session_before_any_request() => WithCleanEnvironment(async () =>
    {
        await using var server = new TestServer();
        Environment.SetEnvironmentVariable("LOADTEST_VUS", "abc");

        var error = await Assert.ThrowsAsync<LoadTestConfigurationException>(() =>
            LoadTestSession.RunAsync(OneRequest(), AssemblyWith(Metadata("LoadTest.BaseUrl", server.BaseUrl.ToString())), CancellationToken.None));

        Assert.Equal("LT4111", error.Code);
        Assert.Contains("LOADTEST_VUS='abc'", error.Message);
        Assert.Equal(0, server.Requests);
    });

    [Fact]
    public Task Missing_credentials_stop_the_session_before_any_request() => WithCleanEnvironment(async () =>
    {
        await using var server = new TestServer();
        var plan = OneRequest() with { RequiredVariables = ["LOADTEST_USERNAME"] };

        var error = await Assert.ThrowsAsync<LoadTestConfigurationException>(() =>
            LoadTestSession.RunAsync(plan, AssemblyWith(Metadata("LoadTest.BaseUrl", server.BaseUrl.ToString())), CancellationToken.None));

        Assert.Equal("LT4119", error.Code);
        Assert.Equal(0, server.Requests);
    });

    [Fact]
    public Task Warnings_are_printed_even_when_quiet_and_kept_in_the_result() => WithCleanEnvironment(async () =>
    {
        await using var server = new TestServer();
        Environment.SetEnvironmentVariable("LOADTEST_RESULTS_DIR", TestPlans.TempResults());
        Environment.SetEnvironmentVariable("LOADTEST_VU", "10");
        var plan = OneRequest() with { Warnings = ["LT4124: from the plan"] };
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        RunResult result;
        try
        {
            result = await LoadTestSession.RunAsync(plan, AssemblyWith(Metadata("LoadTest.BaseUrl", server.BaseUrl.ToString())), CancellationToken.None);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("LT4123: LOADTEST_VU is set but no LoadTest setting has that name", console.ToString());
        Assert.Contains("LT4124: from the plan", console.ToString());
        Assert.Contains(result.Warnings, w => w.StartsWith("LT4123", StringComparison.Ordinal));
        Assert.Equal(1, server.Requests);
    });

    public sealed class ServerProvider : ILoadTestTargetProvider
    {
        public static int Disposed;
        private readonly TestServer _server = new();

        public Task<Uri> StartAsync(CancellationToken cancellationToken) => Task.FromResult(_server.BaseUrl);

        public async ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref Disposed);
            await _server.DisposeAsync();
        }
    }
}
