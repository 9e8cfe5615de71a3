using System.Runtime.InteropServices;
using LoadTest.Runtime.Configuration;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// Connects one session's <see cref="RunInterruption"/> to the process for the length of the run, as k6 handles
/// signals: the first SIGINT (Ctrl+C) or SIGTERM stops starting iterations and lets running ones finish within
/// gracefulStop; a second stops at once. Either way the results and the report are written before the test fails
/// with "interrupted". The <c>dotnet test</c> process going away (<see cref="InvokerWatch"/>) interrupts the same
/// way, and so does the test host exiting on its own (ProcessExit): that waits, bounded, for the results.
/// </summary>
internal sealed class ProcessInterruptions : IDisposable
{
    private static string? s_received;

    private readonly RunInterruption _interruption;
    private readonly Action<string> _log;
    private readonly TimeSpan _exitWait;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly InvokerWatch? _invokers;
    private readonly EventHandler _onExit;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="interruption">The run's interruption.</param>
    /// <param name="log">Where the LT4121/LT4122 lines go (always printed, also when quiet).</param>
    /// <param name="exitWait">How long a process exit may wait for the results: the plan's gracefulStop and some.</param>
    public ProcessInterruptions(RunInterruption interruption, Action<string> log, TimeSpan exitWait)
    {
        _interruption = interruption;
        _log = log;
        _exitWait = exitWait;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                _signals.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (Exception exception) when (exception is PlatformNotSupportedException or IOException)
            {
                // No signals here (e.g. a browser host): the run still stops on its CancellationToken.
            }
        }
        _onExit = (_, _) => OnProcessExit();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
        _invokers = InvokerWatch.Start(reason => Interrupt(reason, escalate: false));
    }

    /// <summary>The signal this process received during an earlier run, if any: later sessions refuse to start.</summary>
    public static string? Received => Volatile.Read(ref s_received);

    /// <summary>Called when the results and report are written: a pending process exit may go on.</summary>
    public void Finished() => _finished.TrySetResult();

    private void OnSignal(PosixSignalContext context)
    {
        // Keep the process: the run stops itself and writes its results; the test then fails as interrupted.
        context.Cancel = true;
        var name = context.Signal == PosixSignal.SIGINT ? "SIGINT (Ctrl+C)" : "SIGTERM";
        Interlocked.CompareExchange(ref s_received, name, null);
        Interrupt($"received {name}", escalate: true);
    }

    /// <summary>
    /// A signal after the first stops at once (a second Ctrl+C); the invoker or the process going away after a signal
    /// does not: under dotnet test, one Ctrl+C also makes MSBuild stop vstest.console, and that must not cut gracefulStop.
    /// </summary>
    private void Interrupt(string reason, bool escalate)
    {
        if (_interruption.IsRequested && !escalate) return;
        if (_interruption.Request(reason))
        {
            _log($"LoadTest: {SettingCodes.StoppedAtOnce}: {reason} again: interrupting running iterations now; summary.json and the report are written from what was recorded.");
        }
        else
        {
            _log($"LoadTest: {SettingCodes.Interrupted}: {reason}: no new iterations start; running ones get their gracefulStop to finish, then " +
                 "summary.json and the report are written and the test fails as interrupted. Press Ctrl+C again to stop at once.");
        }
    }

    private void OnProcessExit()
    {
        if (_finished.Task.IsCompleted) return;
        // A first stop request, unless a signal already made one: the exit does not cut the gracefulStop short (a Ctrl+C
        // under dotnet test makes MSBuild stop vstest.console, and the test host then exits because its parent left).
        Interrupt("the process is exiting (its test host was stopped or lost its parent)", escalate: false);
        // The exit waits for the results and the report; a run that cannot finish in time is cut, as k6 is by a kill.
        if (!_finished.Task.Wait(_exitWait))
        {
            _interruption.StopNow("the process is exiting");
            _finished.Task.Wait(TimeSpan.FromSeconds(5));
        }
    }

    public void Dispose()
    {
        _invokers?.Dispose();
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        foreach (var signal in _signals) signal.Dispose();
        _finished.TrySetResult();
    }
}
