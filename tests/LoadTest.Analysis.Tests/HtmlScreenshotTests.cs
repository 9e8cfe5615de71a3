using System.Diagnostics;
using LoadTest.Runtime.Reporting;

namespace LoadTest.Analysis.Tests;

/// <summary>
/// Renders report.html in headless Chromium and checks the charts were drawn: the line colours must appear, and the
/// red series (p99, error rate, first endpoint) in several separate chart bands. Skips when Chromium is missing.
/// </summary>
[Collection(ProductStoryResults.Collection)]
public class HtmlScreenshotTests(ProductStoryResults productStory)
{
    internal const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void The_html_report_is_self_contained_with_four_svg_charts()
    {
        var paths = ReportGenerator.WriteReports(productStory.FreshCopy());
        var html = File.ReadAllText(paths.Html!);

        foreach (var id in new[] { "chart-latency", "chart-throughput", "chart-errors", "chart-endpoints" })
        {
            Assert.Contains($"<svg id=\"{id}\"", html);
        }
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.Contains("<table>", html);
        Assert.Contains("Ramp 200-500", html);
    }

    [ChromiumFact]
    public void Headless_chromium_draws_the_charts()
    {
        var paths = ReportGenerator.WriteReports(productStory.FreshCopy());
        var dir = Path.GetDirectoryName(paths.Html!)!;
        var png = Path.Combine(dir, "out.png");
        var profile = Path.Combine(dir, "chromium-profile");
        Directory.CreateDirectory(profile);

        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={png}",
                     "--window-size=1200,2000", new Uri(paths.Html!).AbsoluteUri,
                 })
        {
            start.ArgumentList.Add(arg);
        }
        using (var process = Process.Start(start)!)
        {
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(45)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("Chromium did not finish the screenshot within 45 s.");
            }
        }

        var image = PngImage.Read(png);
        Assert.Equal((1200, 2000), (image.Width, image.Height));
        var counts = new Dictionary<string, int> { [HtmlReport.Blue] = 0, [HtmlReport.Orange] = 0, [HtmlReport.Red] = 0, [HtmlReport.Green] = 0 };
        var redBands = new HashSet<int>();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                foreach (var color in counts.Keys)
                {
                    if (!Near(pixel, color)) continue;
                    counts[color]++;
                    if (color == HtmlReport.Red) redBands.Add(y / 330);
                }
            }
        }
        // A legend swatch is 100 pixels; a drawn line across a chart is thousands.
        Assert.All(counts, c => Assert.True(c.Value > 1000, $"colour {c.Key}: only {c.Value} pixels"));
        Assert.True(redBands.Count >= 3, $"red lines in {redBands.Count} chart band(s)");
    }

    private static bool Near((byte R, byte G, byte B) pixel, string hex)
    {
        var r = Convert.ToInt32(hex[1..3], 16);
        var g = Convert.ToInt32(hex[3..5], 16);
        var b = Convert.ToInt32(hex[5..7], 16);
        return Math.Abs(pixel.R - r) <= 12 && Math.Abs(pixel.G - g) <= 12 && Math.Abs(pixel.B - b) <= 12;
    }
}

/// <summary>A fact that is reported as skipped, with the reason, when Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HtmlScreenshotTests.Chromium))
        {
            Skip = $"{HtmlScreenshotTests.Chromium} is not installed (apt-get install -y chromium); the screenshot check did not run.";
        }
    }
}
