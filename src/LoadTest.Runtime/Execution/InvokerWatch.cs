using System.Globalization;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// Notices the processes that started this run going away: the chain of <c>dotnet</c> ancestors (the test host's
/// vstest.console, MSBuild node and the <c>dotnet test</c> command itself). SIGTERM to <c>dotnet test</c> alone kills
/// it but leaves the test host loading the target; this watch turns that into an interruption. Linux only (it reads
/// /proc); elsewhere the test host's own parent watch and the signals remain.
/// </summary>
internal sealed class InvokerWatch : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private const int MaxDepth = 8;

    private readonly IReadOnlyList<Ancestor> _ancestors;
    private readonly Action<string> _gone;
    private readonly Timer _timer;
    private int _reported;

    private InvokerWatch(IReadOnlyList<Ancestor> ancestors, Action<string> gone)
    {
        _ancestors = ancestors;
        _gone = gone;
        _timer = new Timer(_ => Check(), null, Period, Period);
    }

    /// <summary>Starts watching; null when there is nothing to watch (not Linux, or no dotnet ancestor).</summary>
    public static InvokerWatch? Start(Action<string> gone)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var ancestors = DotnetAncestors(Environment.ProcessId);
        return ancestors.Count == 0 ? null : new InvokerWatch(ancestors, gone);
    }

    /// <summary>The <c>dotnet</c> processes above <paramref name="pid"/>, nearest first, up to the first other program.</summary>
    internal static IReadOnlyList<Ancestor> DotnetAncestors(int pid)
    {
        var result = new List<Ancestor>();
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var stat = ReadStat(pid);
            if (stat is null || stat.Value.ParentPid <= 1) break;
            var parent = stat.Value.ParentPid;
            var parentStat = ReadStat(parent);
            if (parentStat is null || !IsDotnet(parent)) break;
            result.Add(new Ancestor(parent, parentStat.Value.StartTime, CommandLine(parent)));
            pid = parent;
        }
        return result;
    }

    private void Check()
    {
        foreach (var ancestor in _ancestors)
        {
            var stat = ReadStat(ancestor.Pid);
            // Gone, replaced by another process with the same id, or a zombie waiting to be reaped: it has exited.
            if (stat is { State: not 'Z' } live && live.StartTime == ancestor.StartTime) continue;
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                _gone($"the process that started this run exited ('{ancestor.CommandLine}', pid {ancestor.Pid})");
            }
            return;
        }
    }

    internal readonly record struct Ancestor(int Pid, long StartTime, string CommandLine);

    private readonly record struct Stat(char State, int ParentPid, long StartTime);

    private static Stat? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new Stat(fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsDotnet(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "dotnet";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', args.Take(3).Select(Path.GetFileName));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "dotnet";
        }
    }

    public void Dispose() => _timer.Dispose();
}
