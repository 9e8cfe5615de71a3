using System.Collections.Concurrent;

namespace LoadTest.Runtime.Results;

/// <summary>
/// Appends the run's time series to <c>timeseries.ndjson</c> as it goes (Run line, Stage lines, one Window line per
/// window, flushed each time; windows are not kept in memory, their HDR histograms are large) so a run that is aborted or killed still leaves every finished window on disk.
/// </summary>
public sealed class TimeSeriesRecorder : IDisposable
{
    private readonly ConcurrentDictionary<(string Name, string Method), WindowSeries> _series = new();
    private readonly Lock _writeLock = new();
    private readonly StreamWriter? _writer;
    private readonly List<StageMark> _stages = [];

    public TimeSeriesRecorder(string? path, DateTimeOffset start, Action<string>? log = null)
    {
        Start = start;
        if (path is null) return;
        try
        {
            _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log?.Invoke($"LT4055: cannot write the time series to '{path}': {exception.Message}");
            _writer = null;
        }
    }

    public DateTimeOffset Start { get; private set; }

    /// <summary>Writes the Run line: the run's wall-clock start, once the VUs are ready.</summary>
    public void Begin(DateTimeOffset start)
    {
        lock (_writeLock)
        {
            Start = start;
            if (_writer is null) return;
            TimeSeriesFile.WriteRun(_writer, start);
            _writer.Flush();
        }
    }

    public IReadOnlyList<StageMark> Stages
    {
        get { lock (_writeLock) return [.. _stages]; }
    }

    public WindowSeries Series(string name, string method) =>
        _series.GetOrAdd((name, method), key => new WindowSeries(key.Name, key.Method));

    public void AddStage(StageMark stage)
    {
        lock (_writeLock)
        {
            _stages.Add(stage);
            if (_writer is null) return;
            TimeSeriesFile.WriteStage(_writer, stage);
            _writer.Flush();
        }
    }

    /// <summary>Closes the current window: takes every series' counts and writes the Window line.</summary>
    public TimeWindow CloseWindow(DateTimeOffset start, double seconds, int vus, int vusMax, long iterations, long dropped, double? cpu)
    {
        var series = _series.Values
            .Select(s => s.TakeAndReset())
            .OfType<SeriesWindow>()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ThenBy(s => s.Method, StringComparer.Ordinal)
            .ToList();
        var window = new TimeWindow(start, seconds, vus, vusMax, iterations, dropped, cpu, series);
        lock (_writeLock)
        {
            if (_writer is not null)
            {
                TimeSeriesFile.WriteWindow(_writer, window);
                _writer.Flush();
            }
        }
        return window;
    }

    public void Dispose()
    {
        lock (_writeLock) _writer?.Dispose();
    }
}
