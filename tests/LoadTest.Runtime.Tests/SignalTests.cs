using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using LoadTest.Runtime.Results;
using Xunit.Abstractions;

namespace LoadTest.Runtime.Tests;

/// <summary>
/// Ctrl+C and SIGTERM as a user sends them: a real <c>dotnet test</c> of a consumer project
/// (tests/LoadTest.Signals.Consumer: 60 s of load, gracefulStop 3 s) against a loopback server, started with
/// <c>setsid</c> so the test can signal its whole process group, as a terminal does. Each run must end within
/// gracefulStop + 5 s of the signal, leave summary.json and report.md, and say it was interrupted.
/// </summary>
public sealed class SignalTests(ITestOutputHelper output) : IDisposable
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _results = TestPlans.TempResults();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        try { if (Directory.Exists(_results)) Directory.Delete(_results, recursive: true); }
        catch (IOException) { }
    }

    [Fact]
    public async Task Ctrl_c_to_the_process_group_stops_gracefully_and_writes_everything()
    {
        // Requests take 1 s, so the signal finds them in flight; they end within the 3 s gracefulStop.
        await using var server = new TestServer(delay: TimeSpan.FromSeconds(1));

        var run = await RunAndSignalAsync(server, SigInt, wholeGroup: true, twice: false, gracefulStop: 3);

        AssertEndedInterrupted(run, "SIGINT");
    }

    [Fact]
    public async Task A_second_ctrl_c_stops_at_once_and_still_writes_everything()
    {
        // The server never answers and gracefulStop is 30 s: only the second Ctrl+C can end the run this soon.
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);

        var run = await RunAndSignalAsync(server, SigInt, wholeGroup: true, twice: true, gracefulStop: 30);

        Assert.True(run.Ended < TimeSpan.FromSeconds(15), $"the group ran {run.Ended} after the signals: the second Ctrl+C did not stop it at once");
        AssertEndedInterrupted(run, "SIGINT");
    }

    [Fact]
    public async Task Sigterm_to_the_process_group_stops_gracefully_and_writes_everything()
    {
        await using var server = new TestServer(delay: TimeSpan.FromSeconds(1));

        var run = await RunAndSignalAsync(server, SigTerm, wholeGroup: true, twice: false, gracefulStop: 3);

        AssertEndedInterrupted(run, "SIGTERM");
    }

    [Fact]
    public async Task Sigterm_to_dotnet_test_alone_stops_the_test_host_it_leaves_behind()
    {
        await using var server = new TestServer(delay: TimeSpan.FromSeconds(1));

        var run = await RunAndSignalAsync(server, SigTerm, wholeGroup: false, twice: false, gracefulStop: 3);

        AssertEndedInterrupted(run, "the process that started this run exited");
        // vstest.console outlived dotnet test here, so the failed test reached the output.
        Assert.Contains("was interrupted", run.Output, StringComparison.Ordinal);
    }

    private sealed record SignalRun(TimeSpan Ended, double GracefulStop, string Directory, string Output);

    private void AssertEndedInterrupted(SignalRun run, string reason)
    {
        Assert.True(run.Ended <= TimeSpan.FromSeconds(run.GracefulStop + 5), $"the group ran {run.Ended} after the signal (gracefulStop {run.GracefulStop} s)");
        var summary = Path.Combine(run.Directory, SummaryWriter.SummaryFileName);
        Assert.True(File.Exists(summary), $"{summary} is missing; output:\n{run.Output}");
        Assert.True(File.Exists(Path.Combine(run.Directory, "report.md")), "report.md is missing");
        using var document = JsonDocument.Parse(File.ReadAllText(summary));
        var abortReason = document.RootElement.GetProperty("state").GetProperty("abortReason").GetString();
        Assert.StartsWith("LT4121: interrupted", abortReason, StringComparison.Ordinal);
        Assert.Contains(reason, abortReason, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(run.Directory, "report.md"));
        Assert.StartsWith("# Load test report\n\n**INTERRUPTED**", report.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("- Interrupted: LT4121: interrupted", report, StringComparison.Ordinal);
        Assert.Contains("LT4121: interrupted", File.ReadAllText(Path.Combine(run.Directory, "junit.xml")), StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts <c>dotnet test</c> on the consumer in a new session, waits (bounded) for the first time-series window,
    /// signals the group (or only <c>dotnet test</c>), and waits (bounded) until no process of the group is left.
    /// </summary>
    private async Task<SignalRun> RunAndSignalAsync(TestServer server, int signal, bool wholeGroup, bool twice, double gracefulStop)
    {
        Assert.True(OperatingSystem.IsLinux(), "process groups and /proc: these tests need Linux");
        var repository = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var project = Path.Combine(repository, "tests", "LoadTest.Signals.Consumer", "LoadTest.Signals.Consumer.csproj");
        // env --default-signal: a test host started in the background may ignore SIGINT, and children inherit that.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--default-signal=INT,QUIT", "setsid", "dotnet", "test", project, "-c", configuration, "--no-build", "-p:IsTestProject=true", "--logger", "console;verbosity=normal" })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["BASE_URL"] = server.BaseUrl.ToString();
        start.Environment["LOADTEST_RESULTS_DIR"] = _results;
        start.Environment["SIGNALS_GRACEFUL_STOP"] = gracefulStop.ToString(CultureInfo.InvariantCulture);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("LOADTEST_QUIET");

        var text = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (text) text.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // setsid made dotnet test the leader of a new process group: its id is the group's.
        var group = process.Id;
        var directory = Path.Combine(_results, "signals");
        try
        {
            var waited = Stopwatch.StartNew();
            while (!HasWindow(Path.Combine(directory, TimeSeriesFile.FileName)) && waited.Elapsed < StartTimeout && !process.HasExited)
            {
                await Task.Delay(200);
            }
            Assert.True(HasWindow(Path.Combine(directory, TimeSeriesFile.FileName)), $"the load test did not start in {StartTimeout}; output:\n{Output(text)}");

            var clock = Stopwatch.StartNew();
            Assert.Equal(0, Kill(wholeGroup ? -group : group, signal));
            if (twice)
            {
                await Task.Delay(500);
                Assert.Equal(0, Kill(-group, signal));
            }
            var limit = TimeSpan.FromSeconds(gracefulStop + 30);
            while (Members(group).Count > 0 && clock.Elapsed < limit) await Task.Delay(100);
            var ended = clock.Elapsed;
            output.WriteLine($"signal {signal} to {(wholeGroup ? "the group" : "dotnet test")}{(twice ? " twice" : "")}: the group ended {ended.TotalSeconds:0.0} s later");
            output.WriteLine(Output(text));
            return new SignalRun(ended, gracefulStop, directory, Output(text));
        }
        finally
        {
            if (Members(group).Count > 0) Kill(-group, SigKill);
        }
    }

    private static string Output(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static bool HasWindow(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd().Contains("\"type\":\"Window\"", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes of a process group (zombies waiting to be reaped have ended).</summary>
    private static List<int> Members(int group)
    {
        var members = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[0] != "Z" && fields[2] == group.ToString(CultureInfo.InvariantCulture)) members.Add(pid);
            }
            catch (IOException)
            {
                // It ended while being looked at.
            }
        }
        return members;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LoadTest.Sdk.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException("LoadTest.Sdk.sln not found above " + AppContext.BaseDirectory);
    }
}
