using System.Globalization;
using System.Text;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Runtime.Reporting;

/// <summary>The report as GitHub-flavoured Markdown, short enough for a job summary: the verdict first, in words.</summary>
public static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test report").AppendLine();
        WriteVerdict(md, model.Verdict);
        WriteFacts(md, model);
        WriteCapacity(md, model.Capacity);
        WriteOverview(md, model.Overview);
        if (model.Model == LoadModel.Open) WriteSteps(md, model.Steps);
        else WriteStages(md, model.Stages);
        WriteBreakingPoint(md, model.BreakingPoint);
        WriteFailures(md, model.Failures);
        WriteEndpoints(md, model.EndpointsAtPeak);
        // The failures table names status and error codes per endpoint from the time series; without one (a k6
        // summary alone), the summary's http_reqs{name,error_code} sub-metrics are all there is.
        if (model.Failures is not { Endpoints.Count: > 0 }) ErrorCodeTable.WriteMarkdown(md, model.ErrorCodes);
        WriteBottleneck(md, model.Bottleneck);
        WritePlan(md, model.CapacityPlan);
        WriteVerification(md, model.Verification);
        WriteDiagnostics(md, model.Diagnostics);
        return md.ToString();
    }

    private static void WriteVerdict(StringBuilder md, RunVerdict? verdict)
    {
        if (verdict is null) return;
        md.AppendLine($"**{verdict.Status}** — {verdict.Headline}").AppendLine();
        foreach (var line in verdict.Lines) md.AppendLine($"- {line}");
        if (verdict.Lines.Count > 0) md.AppendLine();
    }

    private static void WriteFacts(StringBuilder md, ReportModel model)
    {
        var f = model.Facts;
        var profile = f.Profile ?? "n/a";
        if (f.TimeScale is { } scale && Math.Abs(scale - 1) > 1e-9) profile += Format.Invariant($" (time scale {scale:0.###})");
        var start = f.Start is { } s ? s.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "n/a";
        var duration = f.DurationSeconds is { } d ? Format.Duration(d) : "n/a";
        var loadModel = f.Model switch { LoadModel.Open => "open (arrival rate)", LoadModel.Closed => "closed (VUs)", _ => "n/a" };
        md.AppendLine("| Profile | Start | Duration | Load model | Target | LoadTest.Sdk |");
        md.AppendLine("|---|---|---|---|---|---|");
        md.AppendLine($"| {Format.Cell(profile)} | {start} | {duration} | {loadModel} | {Format.Cell(f.Target ?? "n/a")} | {Format.Cell(f.Version ?? "n/a")} |");
        md.AppendLine();
        md.AppendLine(Format.Invariant($"Source: `{model.Source}` ({(model.Formats.Count == 0 ? "nothing readable" : string.Join(", ", model.Formats))}). SLOs: p95 < {model.Slo.P95Ms}ms, p99 < {model.Slo.P99Ms}ms, errors < {Format.Rate(model.Slo.ErrorRate)}."));
        md.AppendLine();
    }

    private static void WriteCapacity(StringBuilder md, CapacityResult? capacity)
    {
        if (capacity?.Headline is not { } h) return;
        md.AppendLine("## Capacity").AppendLine();
        md.AppendLine($"**{char.ToUpperInvariant(h.Text[0])}{h.Text[1..]}** — {h.Method}.");
        if (capacity.RequestsPerIteration is { } rpi) md.AppendLine().AppendLine(Format.Invariant($"One iteration of the flow sends {rpi:0.##} request{(Math.Abs(rpi - 1) < 0.005 ? "" : "s")} (measured; a sign-up or sign-in once per VU is not counted, here or in the headline)."));
        md.AppendLine();
        if (capacity.Supporting.Count > 0)
        {
            md.AppendLine("| Estimate | RPS | Against the headline |");
            md.AppendLine("|---|---|---|");
            foreach (var e in capacity.Supporting)
            {
                md.AppendLine($"| {e.Name} | {(e.Rps is { } r ? Format.Number(r) : "—")} | {Format.Cell(e.Text)} |");
            }
            md.AppendLine();
        }
    }

    private static void WriteOverview(StringBuilder md, RunOverview? o)
    {
        md.AppendLine("## Summary").AppendLine();
        if (o is null)
        {
            md.AppendLine("No results could be read; see the diagnostics below.").AppendLine();
            return;
        }
        md.AppendLine("| Requests | Duration | RPS | p50 | p95 | p99 | Error rate | Max VUs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        md.AppendLine(Format.Invariant($"| {o.Requests:#,0} | {o.DurationSeconds:0}s | {Format.Number(o.Rps)} | {Format.Ms(o.P50Ms)} | {Format.Ms(o.P95Ms)} | {Format.Ms(o.P99Ms)} | {Format.Rate(o.ErrorRate)} | {o.MaxVus} |"));
        md.AppendLine();
        if (o.Thresholds.Count > 0)
        {
            md.AppendLine(o.AllThresholdsOk ? "Thresholds: all passed." : "Thresholds: **some failed**.").AppendLine();
            foreach (var t in o.Thresholds)
            {
                md.AppendLine($"- {(t.Ok ? "pass" : "**FAIL**")} `{t.Metric}`: `{t.Expression}`");
            }
            md.AppendLine();
        }
    }

    private static void WriteStages(StringBuilder md, IReadOnlyList<StageRow> stages)
    {
        if (stages.Count == 0) return;
        md.AppendLine("## Stages").AppendLine();
        md.AppendLine("| Stage | VUs | RPS | p50 | p95 | p99 | Error Rate |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var s in stages)
        {
            var flag = s.Trusted ? "" : " (generator saturated)";
            md.AppendLine(Format.Invariant($"| {Format.Cell(s.Label)}{flag} | {s.Vus} | {Format.Number(s.Rps)} | {Format.Ms(s.P50Ms)} | {Format.Ms(s.P95Ms)} | {Format.Ms(s.P99Ms)} | {Format.Rate(s.ErrorRate)} |"));
        }
        md.AppendLine();
    }

    private static void WriteSteps(StringBuilder md, IReadOnlyList<LoadStep> steps)
    {
        if (steps.Count == 0) return;
        md.AppendLine("## Steps").AppendLine();
        md.AppendLine("Open model: iterations are offered on a schedule; achieved is what completed, dropped what found no free VU.").AppendLine();
        md.AppendLine("| Step | Offered it/s | Achieved it/s | RPS | Dropped | VUs in use | p50 | p95 | p99 | Error Rate |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in steps)
        {
            var flag = s.Trusted ? "" : " (generator limited)";
            var offered = s.OfferedRate is { } o ? Format.Number(o) : "n/a";
            md.AppendLine(Format.Invariant($"| {s.Index + 1}. {Format.Cell(s.Label)}{flag} | {offered} | {Format.Number(s.AchievedRate)} | {Format.Number(s.Rps)} | {s.Dropped:#,0} | {s.MeanVus:0} (max {s.MaxVus}) | {Format.Ms(s.P50Ms)} | {Format.Ms(s.P95Ms)} | {Format.Ms(s.P99Ms)} | {Format.Rate(s.ErrorRate)} |"));
        }
        md.AppendLine();
    }

    private static void WriteBreakingPoint(StringBuilder md, BreakingPointResult? b)
    {
        if (b is null) return;
        md.AppendLine("## Breaking point").AppendLine();
        var unit = b.Model == LoadModel.Open ? "VUs in use" : "VUs";
        if (b.First is { } first)
        {
            var where = first.OfferedRate is { } offered ? Format.Invariant($"~{offered:0.#} it/s offered, {first.Rps:0} RPS") : Format.Invariant($"~{first.Vus:0} VUs / {first.Rps:0} RPS");
            md.AppendLine($"**Breaking point: {where}** — {first.Rule} first: {first.Evidence}.");
        }
        else
        {
            md.AppendLine(Format.Invariant($"No break found: up to {b.VusAtMaxRps:0} {unit} / {b.MaxTrustedRps:0} RPS the API met the SLOs and kept up."));
        }
        md.AppendLine();
        foreach (var e in b.Events.Skip(b.First is null ? 0 : 1)) md.AppendLine($"- then {e.Rule}: {e.Evidence}");
        if (b.KneeRps is { } kneeRps)
        {
            md.AppendLine(b.KneeOfferedRate is { } ko
                ? Format.Invariant($"- Kneedle knee of achieved against offered: ~{ko:0.#} it/s offered / {kneeRps:0} RPS")
                : Format.Invariant($"- Kneedle knee of throughput vs VUs: ~{b.KneeVus:0} VUs / {kneeRps:0} RPS"));
        }
        if (b.Usl is { } usl)
        {
            var peak = double.IsInfinity(usl.PeakConcurrency) ? "no retrograde region (κ = 0)" : Format.Invariant($"peak at N* = {usl.PeakConcurrency:0} {unit}, {usl.PeakThroughput:0} RPS");
            md.AppendLine(Format.Invariant($"- USL fit over {usl.Points} levels: σ = {usl.Sigma:0.#####} (contention), κ = {usl.Kappa:0.######} (coherency), λ = {usl.Lambda:0.##} RPS per VU, R² = {usl.RSquared:0.###}; {peak}"));
        }
        foreach (var note in b.Notes) md.AppendLine($"- {note}");
        md.AppendLine();
    }

    private static void WriteFailures(StringBuilder md, FunctionalFailureResult? f)
    {
        if (f is null || (f.Endpoints.Count == 0 && f.FailingChecks.Count == 0)) return;
        md.AppendLine(f.IsFunctional ? "## Functional failures" : "## Failures").AppendLine();
        if (f.IsFunctional) md.AppendLine($"Not capacity: {f.Reason}. No breaking point is claimed.").AppendLine();
        if (f.Endpoints.Count > 0)
        {
            md.AppendLine("| Endpoint | Failed | Of | Status and error codes | At the lowest load |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var e in f.Endpoints.Take(15))
            {
                var low = e.LowLoadRequests > 0 ? Format.Invariant($"{e.LowLoadFailed} of {e.LowLoadRequests} ({Format.Rate(e.LowLoadErrorRate)})") : "—";
                md.AppendLine(Format.Invariant($"| `{Format.Cell(e.Endpoint)}` | {e.Failed:#,0} ({Format.Rate(e.ErrorRate)}) | {e.Requests:#,0} | {Format.Cell(e.CodesText)} | {low} |"));
            }
            md.AppendLine();
        }
        if (f.FailingChecks.Count > 0)
        {
            md.AppendLine("| Failing check | Failed | Passed |");
            md.AppendLine("|---|---|---|");
            foreach (var c in f.FailingChecks.Take(15)) md.AppendLine(Format.Invariant($"| {Format.Cell(c.Name)} | {c.Fails:#,0} | {c.Passes:#,0} |"));
            md.AppendLine();
        }
    }

    private static void WriteEndpoints(StringBuilder md, IReadOnlyList<EndpointRow> endpoints)
    {
        if (endpoints.Count == 0) return;
        md.AppendLine("## Slowest endpoints at peak").AppendLine();
        md.AppendLine("| Endpoint | Requests | p95 | p99 | Error rate |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var e in endpoints.Take(15))
        {
            md.AppendLine(Format.Invariant($"| `{Format.Cell(e.Display)}` | {e.Requests:#,0} | {Format.Ms(e.P95Ms)} | {Format.Ms(e.P99Ms)} | {Format.Rate(e.ErrorRate)} |"));
        }
        md.AppendLine();
    }

    private static void WriteBottleneck(StringBuilder md, BottleneckResult? b)
    {
        if (b is null) return;
        md.AppendLine("## Bottleneck").AppendLine();
        md.AppendLine(b.LikelyLimit is { } limit ? $"Likely limit: **{limit}**. {b.Evidence}" : b.Evidence);
        md.AppendLine();
        if (b.Ceilings.Count > 0)
        {
            md.AppendLine("| Resource | Capacity | Allows (RPS) | Use at the headline |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in b.Ceilings)
            {
                md.AppendLine(Format.Invariant($"| {c.Resource} | {Format.Cell(c.Capacity)} | {(c.ImpliedMaxRps is { } r ? Format.Number(r) : "n/a")} | {(c.UseAtCapacity is { } u ? Format.Rate(u) : "n/a")} |"));
            }
            md.AppendLine();
        }
        if (b.FirstToDegrade is { } first)
        {
            md.AppendLine(Format.Invariant($"First to degrade: `{first.Endpoint}` at {first.At} ({first.How}; {first.Requests:#,0} requests in that level)."));
            md.AppendLine();
        }
        foreach (var note in b.Notes) md.AppendLine($"- {note}");
        if (b.Notes.Count > 0) md.AppendLine();
    }

    private static void WritePlan(StringBuilder md, CapacityPlan? plan)
    {
        if (plan is null) return;
        md.AppendLine("## Capacity plan").AppendLine();
        md.AppendLine(Format.Invariant($"Baseline {plan.BaselineRps:0} RPS → target {plan.TargetRps:0} RPS (designed for {plan.DesignRps:0} RPS), sized on the headline: {plan.MeasuredSustainableRps:0} RPS sustained within the SLOs on the tested setup."));
        md.AppendLine();
        if (plan.Changes.Count == 0)
        {
            md.AppendLine("No change needed: today's setup carries the design load on the measured capacity.").AppendLine();
        }
        else
        {
            md.AppendLine("| Change | What | Monthly Cost Delta |");
            md.AppendLine("|---|---|---|");
            foreach (var c in plan.Changes)
            {
                var cost = c.CostNote is { } note ? note
                    : c.MonthlyCostDelta == 0 ? $"{Format.Money(0, plan.Currency)} (config change)"
                    : Format.SignedMoney(c.MonthlyCostDelta, plan.Currency) + "/mo";
                md.AppendLine($"| {Format.Cell(c.Change)}{(c.FixesLimit ? " (the limit)" : "")} | {Format.Cell(c.What)} | {Format.Cell(cost)} |");
            }
            md.AppendLine();
        }
        md.AppendLine($"Total additional cost: {Format.SignedMoney(plan.TotalMonthlyDelta, plan.Currency)}/month ({Format.Money(plan.CurrentMonthlyCost, plan.Currency)} → {Format.Money(plan.NewMonthlyCost, plan.Currency)}). " +
                      $"Cost per 1,000 RPS: {Format.Money(plan.CostPer1000RpsBefore, plan.Currency)}/month now → {Format.Money(plan.CostPer1000RpsAfter, plan.Currency)}/month after.");
        md.AppendLine();
        md.AppendLine("<details><summary>Why, prices and assumptions</summary>").AppendLine();
        foreach (var c in plan.Changes)
        {
            md.AppendLine($"- **{c.Change}**: {c.Why}");
            foreach (var citation in c.PriceCitations) md.AppendLine($"  - price: {citation}");
        }
        foreach (var a in plan.Assumptions) md.AppendLine($"- {a}");
        md.AppendLine($"- Price catalog: {plan.CatalogOrigin}.");
        md.AppendLine().AppendLine("</details>").AppendLine();
    }

    private static void WriteVerification(StringBuilder md, VerificationProfile? v)
    {
        if (v is null) return;
        md.AppendLine("## Verification test").AppendLine();
        var thresholds = string.Join(", ", v.Thresholds.SelectMany(t => t.Value.Select(e => $"`{t.Key}: {e}`")));
        var script = v.FlowScript is null ? $"`{VerificationProfile.FileName}`" : $"`{VerificationProfile.ScriptFileName}` runs the generated flow (`{v.FlowScript}`)";
        md.AppendLine(Format.Invariant($"{script} at the design rate: {v.DesignIterationsPerSecond:0.##} iterations/s = {v.DesignRps:0} RPS ({v.RequestsPerIteration:0.##} requests per iteration), ramped over 5 minutes and held 10, ~{v.PeakVus} VUs in use; then soaks at the target {v.SoakIterationsPerSecond:0.##} iterations/s = {v.TargetRps:0} RPS for {v.SoakMinutes:0} minutes. Thresholds {thresholds}, and dropped iterations under 1 % of the schedule."));
        md.AppendLine();
        foreach (var a in v.Assumptions) md.AppendLine($"- {a}");
        md.AppendLine();
    }

    private static void WriteDiagnostics(StringBuilder md, IReadOnlyList<AnalysisDiagnostic> diagnostics)
    {
        if (diagnostics.Count == 0) return;
        md.AppendLine("## Diagnostics").AppendLine();
        foreach (var d in diagnostics)
        {
            md.AppendLine($"- `{d.Code}` {d.Severity.ToString().ToLowerInvariant()}{(d.File is null ? "" : $" in `{d.File}`{(d.Line is { } l ? $" line {l}" : "")}")}: {d.Message} {d.Fix}");
        }
        md.AppendLine();
    }
}
