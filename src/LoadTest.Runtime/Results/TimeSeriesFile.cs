using System.Globalization;
using System.Text.Json;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Results;

/// <summary>
/// Reads and writes <c>timeseries.ndjson</c>: one JSON object per line, in order a <c>Run</c> line, then
/// <c>Stage</c> lines, then <c>Window</c> lines (stages may also follow windows). Unknown line types are skipped
/// so later versions can add lines. Each window's latency is a base64 HDR histogram, so windows merge exactly.
/// </summary>
public static class TimeSeriesFile
{
    public const string FileName = "timeseries.ndjson";

    public static void Write(RunTimeSeries series, Stream stream)
    {
        using var writer = new StreamWriter(stream, leaveOpen: true);
        WriteRun(writer, series.Start);
        foreach (var stage in series.Stages)
        {
            WriteStage(writer, stage);
        }
        foreach (var window in series.Windows)
        {
            WriteWindow(writer, window);
        }
    }

    public static void WriteRun(TextWriter writer, DateTimeOffset start) =>
        WriteLine(writer, w =>
        {
            w.WriteString("type", "Run");
            w.WriteString("start", start.ToString("O", CultureInfo.InvariantCulture));
        });

    public static void WriteStage(TextWriter writer, StageMark stage) =>
        WriteLine(writer, w =>
        {
            w.WriteString("type", "Stage");
            w.WriteString("scenario", stage.Scenario);
            w.WriteNumber("index", stage.Index);
            w.WriteString("label", stage.Label);
            w.WriteString("start", stage.Start.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("end", stage.End.ToString("O", CultureInfo.InvariantCulture));
            if (stage.TargetVus is { } vus) w.WriteNumber("targetVus", vus);
            if (stage.TargetRate is { } rate) w.WriteNumber("targetRate", rate);
        });

    public static void WriteWindow(TextWriter writer, TimeWindow window) =>
        WriteLine(writer, w =>
        {
            w.WriteString("type", "Window");
            w.WriteString("start", window.Start.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("seconds", window.Seconds);
            w.WriteNumber("vus", window.Vus);
            w.WriteNumber("vusMax", window.VusMax);
            w.WriteNumber("iterations", window.Iterations);
            w.WriteNumber("droppedIterations", window.DroppedIterations);
            if (window.GeneratorCpu is { } cpu) w.WriteNumber("generatorCpu", cpu);
            w.WriteStartArray("series");
            foreach (var s in window.Series)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("method", s.Method);
                w.WriteNumber("requests", s.Requests);
                w.WriteNumber("failed", s.Failed);
                w.WriteString("duration", s.Duration.ToBase64());
                if (s.Failures.Count > 0)
                {
                    // [status, error code, count] triples: compact, and absent when nothing failed.
                    w.WriteStartArray("failures");
                    foreach (var f in s.Failures)
                    {
                        w.WriteStartArray();
                        w.WriteNumberValue(f.Status);
                        w.WriteNumberValue(f.ErrorCode);
                        w.WriteNumberValue(f.Count);
                        w.WriteEndArray();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private static void WriteLine(TextWriter writer, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        writer.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>Reads a file written by <see cref="Write"/> (or appended line by line during a run, possibly cut short).</summary>
    public static RunTimeSeries Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static RunTimeSeries Read(Stream stream)
    {
        using var reader = new StreamReader(stream);
        DateTimeOffset? start = null;
        var stages = new List<StageMark>();
        var windows = new List<TimeWindow>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                // A run killed mid-write leaves a partial last line; everything before it is still good.
                continue;
            }
            using (doc)
            {
                try
                {
                    ReadLine(doc.RootElement, ref start, stages, windows);
                }
                catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
                {
                    // A damaged line (missing member, wrong type, bad histogram) loses that line only.
                }
            }
        }
        var runStart = start ?? (windows.Count > 0 ? windows[0].Start : DateTimeOffset.MinValue);
        return new RunTimeSeries(runStart, windows, stages);
    }

    private static void ReadLine(JsonElement root, ref DateTimeOffset? start, List<StageMark> stages, List<TimeWindow> windows)
    {
        switch (root.GetProperty("type").GetString())
        {
            case "Run":
                start = Date(root, "start");
                break;
            case "Stage":
                stages.Add(new StageMark(
                    root.GetProperty("scenario").GetString() ?? "",
                    root.GetProperty("index").GetInt32(),
                    root.GetProperty("label").GetString() ?? "",
                    Date(root, "start"),
                    Date(root, "end"),
                    root.TryGetProperty("targetVus", out var v) ? v.GetInt32() : null,
                    root.TryGetProperty("targetRate", out var r) ? r.GetDouble() : null));
                break;
            case "Window":
                windows.Add(ReadWindow(root));
                break;
        }
    }

    private static TimeWindow ReadWindow(JsonElement root)
    {
        var series = new List<SeriesWindow>();
        foreach (var s in root.GetProperty("series").EnumerateArray())
        {
            List<FailureCount> failures = [];
            if (s.TryGetProperty("failures", out var f) && f.ValueKind == JsonValueKind.Array)
            {
                foreach (var triple in f.EnumerateArray())
                {
                    failures.Add(new FailureCount(triple[0].GetInt32(), triple[1].GetInt32(), triple[2].GetInt64()));
                }
            }
            series.Add(new SeriesWindow(
                s.GetProperty("name").GetString() ?? "",
                s.GetProperty("method").GetString() ?? "",
                s.GetProperty("requests").GetInt64(),
                s.GetProperty("failed").GetInt64(),
                LatencyHistogram.FromBase64(s.GetProperty("duration").GetString() ?? "")) { Failures = failures });
        }
        return new TimeWindow(
            Date(root, "start"),
            root.GetProperty("seconds").GetDouble(),
            root.GetProperty("vus").GetInt32(),
            root.GetProperty("vusMax").GetInt32(),
            root.GetProperty("iterations").GetInt64(),
            root.GetProperty("droppedIterations").GetInt64(),
            root.TryGetProperty("generatorCpu", out var cpu) ? cpu.GetDouble() : null,
            series);
    }

    private static DateTimeOffset Date(JsonElement root, string name) =>
        DateTimeOffset.Parse(root.GetProperty(name).GetString() ?? "", CultureInfo.InvariantCulture);
}
