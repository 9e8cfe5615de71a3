using System.Text;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests.Results;

public sealed class TimeSeriesFileTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Histogram_encoding_round_trips_every_bucket()
    {
        var original = new LatencyHistogram();
        var random = new Random(42);
        for (var i = 0; i < 5_000; i++)
        {
            original.RecordMilliseconds(random.NextDouble() * random.Next(1, 3_000));
        }
        original.RecordMilliseconds(3_600_000); // the clamp edge survives too

        var decoded = LatencyHistogram.FromBase64(original.ToBase64());

        Assert.Equal(original.Count, decoded.Count);
        foreach (var p in new[] { 0.0, 1, 25, 50, 90, 95, 99, 99.9, 100 })
        {
            Assert.Equal(original.PercentileMilliseconds(p), decoded.PercentileMilliseconds(p));
        }
        Assert.Equal(original.MaxMilliseconds, decoded.MaxMilliseconds);
        Assert.Equal(original.MinMilliseconds, decoded.MinMilliseconds);
    }

    [Fact]
    public void Empty_histogram_encodes_to_nothing_and_back()
    {
        var decoded = LatencyHistogram.FromBase64(new LatencyHistogram().ToBase64());
        Assert.Equal(0, decoded.Count);
    }

    [Fact]
    public void File_round_trips_run_stages_and_windows()
    {
        var duration = new LatencyHistogram();
        duration.RecordMilliseconds(12.5);
        duration.RecordMilliseconds(40);
        var series = new RunTimeSeries(Start,
            [new TimeWindow(Start, 1, 10, 20, 33, 2, 0.4, [new SeriesWindow("GET /a", "GET", 2, 1, duration)])],
            [new StageMark("checkout", 0, "Ramp 0-10", Start, Start.AddSeconds(5), 10, null)]);

        using var stream = new MemoryStream();
        TimeSeriesFile.Write(series, stream);
        stream.Position = 0;
        var read = TimeSeriesFile.Read(stream);

        Assert.Equal(Start, read.Start);
        var stage = Assert.Single(read.Stages);
        Assert.Equal(("checkout", "Ramp 0-10", 10), (stage.Scenario, stage.Label, stage.TargetVus));
        var window = Assert.Single(read.Windows);
        Assert.Equal((10, 20, 33L, 2L, 0.4), (window.Vus, window.VusMax, window.Iterations, window.DroppedIterations, window.GeneratorCpu));
        var s = Assert.Single(window.Series);
        Assert.Equal(("GET /a", "GET", 2L, 1L), (s.Name, s.Method, s.Requests, s.Failed));
        Assert.Equal(duration.PercentileMilliseconds(99), s.Duration.PercentileMilliseconds(99));
    }

    [Fact]
    public void Damaged_lines_are_skipped_and_the_rest_is_kept()
    {
        var good = new StringBuilder();
        var series = new RunTimeSeries(Start,
            [new TimeWindow(Start, 1, 1, 1, 1, 0, null, []), new TimeWindow(Start.AddSeconds(1), 1, 2, 2, 3, 0, null, [])], []);
        using (var stream = new MemoryStream())
        {
            TimeSeriesFile.Write(series, stream);
            good.Append(Encoding.UTF8.GetString(stream.ToArray()));
        }
        var text = good
            + "{\"type\":\"Window\",\"start\":\"2026-11-28T01:00:02Z\",\"seconds\":1}\n"   // members missing
            + "{\"type\":\"Window\",\"start\":\"not a date\",\"seconds\":1,\"vus\":1,\"vusMax\":1,\"iterations\":1,\"droppedIterations\":0,\"series\":[]}\n"
            + "{\"type\":\"Window\",\"start\":\"2026-11-28T01:00:03Z\",\"seconds\":1,\"vus\":1,\"vusMax\":1,\"iterations\":1,\"droppedIterations\":0,\"series\":[{\"name\":\"x\",\"method\":\"GET\",\"requests\":1,\"failed\":0,\"duration\":\"@@\"}]}\n"
            + "{\"type\":\"Window\",\"sta";                                             // cut mid-write

        var read = TimeSeriesFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal([1, 2], read.Windows.Select(w => w.Vus));
    }
}
