using System.Diagnostics;
using System.Text;

namespace LoadTest.Tests.Shared;

/// <summary>
/// The real k6 (v0.48.0) kept beside the repository in <c>shared/tools/k6/k6</c>: tests use it to prove a generated
/// script is valid (<c>k6 inspect</c>) and to run one briefly against a loopback server. It is found by looking for
/// <c>shared/tools/k6/k6</c> in every ancestor of the test output folder (CI clones the repository beside shared/).
/// A missing k6 fails the test: a generated script is only known to be valid when k6 says so.
/// </summary>
public static class K6Tool
{
    public static string Path { get; } = Find();

    static K6Tool()
    {
        // Run blocks a pool thread until k6 exits, while the loopback API k6 calls answers from the same pool; at one
        // thread per core its handlers can wait ~1 s for a new thread, which reads as the API stalling.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, io);
    }

    /// <summary><c>k6 inspect --execution-requirements</c>: parses the script and its imports and resolves options as a run would.</summary>
    public static K6Result Inspect(string script, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var arguments = new List<string> { "inspect", "--execution-requirements" };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            arguments.Add("-e");
            arguments.Add($"{key}={value}");
        }

        if (env is null || !env.ContainsKey("BASE_URL"))
        {
            arguments.Add("-e");
            arguments.Add("BASE_URL=http://127.0.0.1:9");
        }

        arguments.Add(script);
        return Run(arguments, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(script))!, null, timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// Runs k6 with the given arguments from <paramref name="workingDirectory"/>; the process is killed (and the result
    /// marked <see cref="K6Result.TimedOut"/>) after <paramref name="timeout"/>. Only loopback targets belong in tests.
    /// </summary>
    public static K6Result Run(IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No usage reports or update checks from a test run; the machine has no outside network anyway.
        start.Environment["K6_NO_USAGE_REPORT"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("k6 did not start: " + Path);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit();
        }

        lock (stdout) lock (stderr)
        {
            return new K6Result(exited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString(), !exited);
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "tools", "k6", "k6");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "k6 was not found: shared/tools/k6/k6 is in no ancestor of " + AppContext.BaseDirectory + ". Clone the repository beside its shared/ folder.");
    }
}

/// <summary>What a k6 process printed and how it ended (k6 exits 99 when a threshold failed, 105 when aborted from outside).</summary>
public sealed record K6Result(int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    public override string ToString() => $"k6 exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
