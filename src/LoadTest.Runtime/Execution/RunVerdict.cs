using System.Globalization;
using LoadTest.Runtime.Configuration;

namespace LoadTest.Runtime.Execution;

/// <summary>What fails a run besides its thresholds. Pure: scenario counters in, LT-coded lines out.</summary>
internal static class RunVerdict
{
    /// <summary>
    /// LT4120 for each scenario that got no response at all: a target that accepts connections and never answers
    /// leaves every threshold without samples, and k6 passes such thresholds, but a test that measured nothing must fail.
    /// </summary>
    /// <param name="scenarios">The run's scenarios.</param>
    /// <param name="stoppedAt">Run time at which an abort or interruption ended the run; null when it ran out.</param>
    public static IReadOnlyList<string> EmptyScenarios(IEnumerable<ScenarioRuntime> scenarios, TimeSpan? stoppedAt)
    {
        var failures = new List<string>();
        foreach (var scenario in scenarios)
        {
            // A scenario whose startTime the stopped run never reached did nothing because of the stop, which says so itself.
            if (stoppedAt is { } stop && scenario.Scenario.Executor.StartTime >= stop && scenario.Requests + scenario.CutRequests == 0) continue;
            var name = scenario.Scenario.Name;
            var sent = scenario.Requests + scenario.CutRequests;
            if (sent > 0 && scenario.Responses == 0)
            {
                var outcome = new List<string>();
                if (scenario.Requests > 0) outcome.Add($"{scenario.Requests} failed: {Describe(scenario.ErrorCodes)}");
                if (scenario.CutRequests > 0) outcome.Add($"{scenario.CutRequests} were still waiting when the run stopped (not recorded, as in k6)");
                failures.Add($"{SettingCodes.NoCompletedRequests}: scenario '{name}' sent {sent} request(s) and got no response to any ({string.Join("; ", outcome)}); " +
                             "a run that completed no request measured nothing, so it fails whatever the thresholds say. Check BASE_URL and that the target is up and answering.");
            }
            else if (sent == 0 && scenario.CompletedIterations == 0)
            {
                failures.Add($"{SettingCodes.NoCompletedRequests}: scenario '{name}' completed no iteration and sent no request; " +
                             "a run that did nothing fails whatever the thresholds say. Check the scenario's duration and its iterations.");
            }
        }
        return failures;
    }

    public static IReadOnlyDictionary<int, long> ErrorCodes(IEnumerable<ScenarioRuntime> scenarios)
    {
        var total = new SortedDictionary<int, long>();
        foreach (var (code, count) in scenarios.SelectMany(s => s.ErrorCodes))
        {
            total[code] = total.GetValueOrDefault(code) + count;
        }
        return total;
    }

    /// <summary>"error_code 1050 (request timeout) × 12, 1212 (connection refused) × 1".</summary>
    public static string Describe(IReadOnlyDictionary<int, long> codes) =>
        codes.Count == 0 ? "no error code recorded"
        : "error_code " + string.Join(", ", codes.OrderBy(c => c.Key).Select(c =>
            string.Create(CultureInfo.InvariantCulture, $"{c.Key} ({Http.HttpErrorClassifier.Describe(c.Key)}) × {c.Value}")));
}
