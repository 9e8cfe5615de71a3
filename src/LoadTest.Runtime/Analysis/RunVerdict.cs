using System.Globalization;
using LoadTest.Runtime.Analysis.Inputs;

namespace LoadTest.Runtime.Analysis;

public enum VerdictKind
{
    /// <summary>Every threshold passed.</summary>
    Passed,

    /// <summary>At least one threshold failed (a breakpoint run fails on purpose: the headline is the finding).</summary>
    Failed,

    /// <summary>The flow itself failed (at low load, client errors, failing checks): no capacity is claimed.</summary>
    FunctionalFailure,

    /// <summary>The run had no thresholds to judge; the capacity headline stands alone.</summary>
    Completed,

    /// <summary>Nothing readable.</summary>
    NoData,

    /// <summary>Stopped from outside (Ctrl+C, SIGTERM) before its end: what was recorded is judged, but the run is not a pass.</summary>
    Interrupted,
}

/// <summary>What the report says first, in words: a status, one headline sentence and the lines that back it.</summary>
public sealed record RunVerdict(VerdictKind Kind, string Status, string Headline, IReadOnlyList<string> Lines);

public static class RunVerdicts
{
    public static RunVerdict From(RunOverview? overview, CapacityResult? capacity, FunctionalFailureResult? functional, BottleneckResult? bottleneck,
        string? abortReason = null)
    {
        var verdict = Judge(overview, capacity, functional, bottleneck);
        if (abortReason is null) return verdict;
        // An interrupted run (LT4121/LT4122) or one a threshold aborted says so before anything else.
        var interrupted = abortReason.StartsWith("LT4121", StringComparison.Ordinal) || abortReason.StartsWith("LT4122", StringComparison.Ordinal);
        var lines = verdict.Lines.Prepend((interrupted ? "Interrupted: " : "Stopped early: ") + abortReason).ToList();
        return interrupted
            ? verdict with { Kind = VerdictKind.Interrupted, Status = "INTERRUPTED", Lines = lines }
            : verdict with { Lines = lines };
    }

    private static RunVerdict Judge(RunOverview? overview, CapacityResult? capacity, FunctionalFailureResult? functional, BottleneckResult? bottleneck)
    {
        if (overview is null || overview.Requests == 0)
        {
            return new RunVerdict(VerdictKind.NoData, "NO DATA", "No requests could be read from the results: nothing to judge.", []);
        }
        var lines = new List<string>();
        var failed = overview.Thresholds.Where(t => !t.Ok).ToList();
        if (overview.Thresholds.Count == 0) lines.Add("Thresholds: none defined.");
        else if (failed.Count == 0) lines.Add(Inv($"Thresholds: all {overview.Thresholds.Count} passed."));
        else lines.Add(Inv($"Thresholds: {failed.Count} of {overview.Thresholds.Count} failed — ") + string.Join("; ", failed.Take(4).Select(t => $"{t.Metric} {t.Expression}")) + (failed.Count > 4 ? "; …" : "") + ".");

        if (functional is { IsFunctional: true })
        {
            lines.Insert(0, "No breaking point is claimed: load did not cause these failures, so capacity numbers would describe a broken flow. Fix it and run again.");
            if (functional.FailingChecks.Count > 0)
            {
                lines.Add("Failing checks: " + string.Join("; ", functional.FailingChecks.Take(5).Select(c => Inv($"'{c.Name}' {c.Fails} of {c.Passes + c.Fails} failed"))) + ".");
            }
            var codes = functional.Endpoints.Take(5).Select(e => $"{e.Endpoint}: {e.CodesText}").ToList();
            if (codes.Count > 0) lines.Add("Failed requests: " + string.Join("; ", codes) + ".");
            return new RunVerdict(VerdictKind.FunctionalFailure, "FUNCTIONAL FAILURE", "Functional failure: " + functional.Reason + ".", lines);
        }

        var kind = overview.Thresholds.Count == 0 ? VerdictKind.Completed : failed.Count == 0 ? VerdictKind.Passed : VerdictKind.Failed;
        var status = kind switch { VerdictKind.Passed => "PASSED", VerdictKind.Failed => "FAILED", _ => "COMPLETED" };
        if (capacity?.Headline is not { } h)
        {
            return new RunVerdict(kind, status, "No capacity could be computed (the results hold no time series).", lines);
        }
        lines.Insert(0, "Method: " + h.Method + ".");
        if (bottleneck?.LikelyLimit is { } limit)
        {
            var use = bottleneck.Ceilings.FirstOrDefault(c => c.Resource == limit)?.UseAtCapacity;
            lines.Insert(1, Inv($"Limit: {limit}") + (use is { } u ? Inv($", {u:0%} in use at the headline.") : "."));
        }
        return new RunVerdict(kind, status, char.ToUpperInvariant(h.Text[0]) + h.Text[1..] + ".", lines);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Facts about the run the report prints beside the verdict; whatever the caller or the results could tell.</summary>
public sealed record RunFacts
{
    /// <summary>Load profile (smoke, load, stress, breakpoint…), when known.</summary>
    public string? Profile { get; init; }

    /// <summary>The target's base URL, without credentials or query.</summary>
    public string? Target { get; init; }

    public DateTimeOffset? Start { get; init; }

    public double? DurationSeconds { get; init; }

    public LoadModel? Model { get; init; }

    /// <summary>The LOADTEST_TIME_SCALE the run used (1 = real time), when known.</summary>
    public double? TimeScale { get; init; }

    /// <summary>The LoadTest.Sdk version that wrote the report.</summary>
    public string? Version { get; init; }

    /// <summary>Removes user info, query and fragment from a URL so no credential reaches a report.</summary>
    public static string? SafeTarget(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "(not a URL)";
        return new UriBuilder(uri) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.GetLeftPart(UriPartial.Path);
    }
}
