using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Reporting;

namespace LoadTest.Analysis.Tests;

/// <summary>
/// report.html in headless Chromium: the verdict comes first in words and colour, the charts are drawn, and no two
/// labels of a chart overlap or leave it (measured by the browser's own layout). Skips when Chromium is missing.
/// </summary>
[Collection(ProductStoryResults.Collection)]
public partial class HtmlScreenshotTests(ProductStoryResults productStory)
{
    internal const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void The_html_report_is_self_contained_verdict_first_with_run_facts_and_four_svg_charts()
    {
        var paths = ReportGenerator.WriteReports(new ReportRequest(productStory.FreshCopy())
        {
            Facts = new RunFacts { Profile = "load", Target = "http://127.0.0.1:5000/", TimeScale = 0.125 },
        });
        var html = File.ReadAllText(paths.Html!);

        foreach (var id in new[] { "chart-latency", "chart-throughput", "chart-errors", "chart-endpoints" })
        {
            Assert.Contains($"<svg id=\"{id}\"", html);
        }
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal).Replace("http://127.0.0.1:5000/", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        Assert.Contains("<table>", html);
        Assert.Contains("Ramp 200-500", html);
        // The verdict is the first thing after the title, as text (not an emoji) on its colour.
        var verdict = html.IndexOf("<div class=\"verdict\"", StringComparison.Ordinal);
        Assert.True(verdict > 0 && verdict < html.IndexOf("<svg", StringComparison.Ordinal) && verdict < html.IndexOf("<table", StringComparison.Ordinal));
        Assert.Contains($"style=\"background:{HtmlReport.VerdictColor(VerdictKind.Failed)}\"><div class=\"status\">FAILED</div><div class=\"headline\">Sustainable capacity: ", html);
        Assert.DoesNotContain("✅", html);
        Assert.DoesNotContain("❌", html);
        // Run facts: profile, start, duration, load model, target, version.
        Assert.Contains("<th>Profile</th><th>Start</th><th>Duration</th><th>Load model</th><th>Target</th><th>LoadTest.Sdk</th>", html);
        Assert.Contains($"<td>load (time scale 0.125)</td><td>2026-01-01 12:00:00 UTC</td><td>1m 45s</td><td>closed (VUs)</td><td>http://127.0.0.1:5000/</td><td>{ReportBuilder.Version}</td>", html);
    }

    [Fact]
    public void Axis_ticks_are_round_numbers()
    {
        var html = File.ReadAllText(ReportGenerator.WriteReports(productStory.FreshCopy()).Html!);

        foreach (Match chart in Chart().Matches(html))
        {
            // Tick labels: the x axis row (text-anchor middle, at the bottom) and the y axis column (text-anchor end).
            var y = TickLabels(chart.Value, "end");
            var x = TickLabels(chart.Value, "middle");
            foreach (var ticks in new[] { y, x })
            {
                if (ticks.Count < 2) continue;
                var step = ticks[1] - ticks[0];
                var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
                Assert.Contains(Math.Round(mantissa, 6), new[] { 1.0, 2.0, 5.0 });
                Assert.All(ticks, t => Assert.Equal(0, Math.Round(t / step, 6) % 1));
            }
        }

        static List<double> TickLabels(string svg, string anchor) =>
            Regex.Matches(svg, $"<text x=\"[^\"]+\" y=\"[^\"]+\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#444\">([^<]+)</text>")
                .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).TrimEnd('%'))
                .Select(t => double.Parse(t.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))
                .ToList();
    }

    [ChromiumFact]
    public void Headless_chromium_draws_the_charts_under_a_verdict_in_colour()
    {
        var paths = ReportGenerator.WriteReports(productStory.FreshCopy());
        var image = Screenshot(paths.Html!, 1200, 2400);

        Assert.Equal((1200, 2400), (image.Width, image.Height));
        var counts = new Dictionary<string, int> { [HtmlReport.Blue] = 0, [HtmlReport.Orange] = 0, [HtmlReport.Red] = 0, [HtmlReport.Green] = 0 };
        var redBands = new HashSet<int>();
        var verdictPixels = 0;
        var verdictColor = HtmlReport.VerdictColor(VerdictKind.Failed);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                if (y < 200 && Near(pixel, verdictColor)) verdictPixels++;
                foreach (var color in counts.Keys)
                {
                    if (!Near(pixel, color)) continue;
                    counts[color]++;
                    if (color == HtmlReport.Red) redBands.Add(y / 340);
                }
            }
        }
        // The verdict banner is a block of its colour at the top of the page.
        Assert.True(verdictPixels > 20_000, $"verdict colour: {verdictPixels} pixels in the first 200 rows");
        // A legend swatch is 100 pixels; a drawn line across a chart is thousands.
        Assert.All(counts, c => Assert.True(c.Value > 1000, $"colour {c.Key}: only {c.Value} pixels"));
        Assert.True(redBands.Count >= 3, $"red lines in {redBands.Count} chart band(s)");
    }

    [ChromiumFact]
    public void No_two_chart_labels_overlap_or_leave_the_chart_in_chromium()
    {
        var closed = ReportGenerator.WriteReports(productStory.FreshCopy()).Html!;
        var open = ReportGenerator.WriteReports(SyntheticRuns.NativeResults(
            SyntheticRuns.OpenPoolServer(servers: 10, serviceMs: 50, seconds: 60, startRate: 1, endRate: 400, maxVus: 1000))).Html!;

        foreach (var html in new[] { closed, open })
        {
            // The report has no scripts; a copy gets one that asks the browser where each label was laid out.
            var probe = Path.Combine(Path.GetDirectoryName(html)!, "probe.html");
            File.WriteAllText(probe, File.ReadAllText(html).Replace("</body>", OverlapScript + "</body>", StringComparison.Ordinal));
            var dom = DumpDom(probe);

            var result = Regex.Match(dom, "<pre id=\"overlaps\" data-labels=\"(\\d+)\">([^<]*)</pre>");
            Assert.True(result.Success, "the probe did not run:\n" + dom[..Math.Min(dom.Length, 500)]);
            Assert.True(int.Parse(result.Groups[1].Value, CultureInfo.InvariantCulture) > 40, "too few labels measured");
            Assert.True(result.Groups[2].Value.Length == 0, WebUtility.HtmlDecode(result.Groups[2].Value));
        }
    }

    private const string OverlapScript = """
        <script>
        const problems = [];
        let labels = 0;
        for (const svg of document.querySelectorAll('svg.chart')) {
          const box = svg.getBoundingClientRect();
          const texts = [...svg.querySelectorAll('text')].map(t => ({ text: t.textContent, r: t.getBoundingClientRect() })).filter(t => t.r.width > 0);
          labels += texts.length;
          for (const t of texts) {
            if (t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5) problems.push(svg.id + ': "' + t.text + '" leaves the chart');
          }
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i].r, b = texts[j].r;
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) problems.push(svg.id + ': "' + texts[i].text + '" overlaps "' + texts[j].text + '"');
            }
          }
        }
        const pre = document.createElement('pre');
        pre.id = 'overlaps';
        pre.setAttribute('data-labels', String(labels));
        pre.textContent = problems.join('\n');
        document.body.appendChild(pre);
        </script>
        """;

    internal static PngImage Screenshot(string html, int width, int height)
    {
        var png = Path.Combine(Path.GetDirectoryName(html)!, "out.png");
        RunChromium(html, [$"--screenshot={png}", $"--window-size={width},{height}"]);
        return PngImage.Read(png);
    }

    private static string DumpDom(string html) => RunChromium(html, ["--dump-dom", "--window-size=1200,2400"]);

    private static string RunChromium(string html, IEnumerable<string> extra)
    {
        var dir = Path.GetDirectoryName(html)!;
        var profile = Path.Combine(dir, "chromium-profile-" + Guid.NewGuid().ToString("N")[..6]);
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
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}",
                 }.Concat(extra).Append(new Uri(html).AbsoluteUri))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(45)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 45 s.");
        }
        return stdout.Result;
    }

    private static bool Near((byte R, byte G, byte B) pixel, string hex)
    {
        var r = Convert.ToInt32(hex[1..3], 16);
        var g = Convert.ToInt32(hex[3..5], 16);
        var b = Convert.ToInt32(hex[5..7], 16);
        return Math.Abs(pixel.R - r) <= 12 && Math.Abs(pixel.G - g) <= 12 && Math.Abs(pixel.B - b) <= 12;
    }

    [GeneratedRegex("<svg id=\"chart-[^\"]+\".*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Chart();
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
