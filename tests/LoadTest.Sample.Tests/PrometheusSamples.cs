using System.Globalization;
using System.Text.RegularExpressions;

namespace LoadTest.Sample.Tests;

/// <summary>Parses Prometheus text exposition: sample lines keyed by "name{labels}", checking each line's form on the way.</summary>
public static partial class PrometheusSamples
{
    public static async Task<IReadOnlyDictionary<string, double>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyDictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                typed.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a Prometheus sample line: {line}");
            var name = match.Groups["name"].Value;
            Assert.True(typed.Contains(name) || typed.Any(family => name.StartsWith(family + "_", StringComparison.Ordinal)), $"No # TYPE before {name}");
            samples[name + match.Groups["labels"].Value] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    public static double Value(this IReadOnlyDictionary<string, double> samples, string key) => samples.TryGetValue(key, out var value) ? value : 0;

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (?<value>[-+0-9.eE]+|NaN|[+-]Inf)$""")]
    private static partial Regex SampleLine();
}
