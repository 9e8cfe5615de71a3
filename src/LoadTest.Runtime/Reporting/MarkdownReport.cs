using System.Text;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Runtime.Reporting;

/// <summary>The report as GitHub-flavoured Markdown, short enough for a job summary.</summary>
public static class MarkdownReport
{
    public static string Render(ReportModel model)
    {
        var md = new StringBuilder();
        md.AppendLine("# Load test report").AppendLine();
        md.AppendLine(Format.Invariant($"Source: `{model.Source}` ({(model.Formats.Count == 0 ? "nothing readable" : string.Join(", ", model.Formats))}). SLOs: p95 < {model.Slo.P95Ms}ms, p99 < {model.Slo.P99Ms}ms, errors < {Format.Rate(model.Slo.ErrorRate)}."));
        md.AppendLine();
        WriteOverview(md, model.Overview);
        if (model.AbortReason is { } stopped) md.AppendLine($"**The run stopped early:** {Format.Cell(stopped)}").AppendLine();
        WriteStages(md, model.Stages);
        WriteBreakingPoint(md, model.BreakingPoint);
        WriteEndpoints(md, model.EndpointsAtPeak);
        ErrorCodeTable.WriteMarkdown(md, model.ErrorCodes);
        WriteBottleneck(md, model.Bottleneck);
        WritePlan(md, model.CapacityPlan);
        WriteVerification(md, model.Verification);
        WriteDiagnostics(md, model.Diagnostics);
        return md.ToString();
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
                md.AppendLine($"- {(t.Ok ? "✅" : "❌")} `{t.Metric}`: `{t.Expression}`");
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
            var flag = s.Trusted ? "" : " ⚠️ generator saturated";
            md.AppendLine(Format.Invariant($"| {Format.Cell(s.Label)}{flag} | {s.Vus} | {Format.Number(s.Rps)} | {Format.Ms(s.P50Ms)} | {Format.Ms(s.P95Ms)} | {Format.Ms(s.P99Ms)} | {Format.Rate(s.ErrorRate)} |"));
        }
        md.AppendLine();
    }

    private static void WriteBreakingPoint(StringBuilder md, BreakingPointResult? b)
    {
        if (b is null) return;
        md.AppendLine("## Breaking point").AppendLine();
        md.AppendLine(b.First is { } first
            ? Format.Invariant($"**Breaking point: ~{first.Vus:0} VUs / {first.Rps:0} RPS** ({first.Evidence}).")
            : Format.Invariant($"No break found: up to {b.VusAtMaxRps:0} VUs / {b.MaxTrustedRps:0} RPS the API met the SLOs and kept scaling."));
        md.AppendLine();
        foreach (var e in b.Events.Skip(b.First is null ? 0 : 1)) md.AppendLine($"- {e.Evidence}");
        if (b.KneeVus is { } knee) md.AppendLine(Format.Invariant($"- Kneedle knee of throughput vs VUs: ~{knee:0} VUs / {b.KneeRps:0} RPS"));
        if (b.Usl is { } usl)
        {
            var peak = double.IsInfinity(usl.PeakConcurrency) ? "no retrograde region (κ = 0)" : Format.Invariant($"peak at N* = {usl.PeakConcurrency:0} VUs, {usl.PeakThroughput:0} RPS");
            md.AppendLine(Format.Invariant($"- USL fit over {usl.Points} levels: σ = {usl.Sigma:0.#####} (contention), κ = {usl.Kappa:0.######} (coherency), λ = {usl.Lambda:0.##} RPS per VU, R² = {usl.RSquared:0.###}; {peak}"));
        }
        foreach (var note in b.Notes) md.AppendLine($"- {note}");
        md.AppendLine();
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
        if (b.FirstToDegrade is { } first)
        {
            md.AppendLine(Format.Invariant($"First to degrade: `{first.Endpoint}` at ~{first.Vus:0} VUs ({first.How})."));
        }
        md.AppendLine(b.LikelyLimit is { } limit ? $"Likely limit: **{limit}**. {b.Evidence}" : b.Evidence);
        md.AppendLine();
        if (b.Ceilings.Count > 0)
        {
            md.AppendLine("| Resource | Capacity | Allows (RPS) | Use at peak |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in b.Ceilings)
            {
                md.AppendLine(Format.Invariant($"| {c.Resource} | {Format.Cell(c.Capacity)} | {(c.ImpliedMaxRps is { } r ? Format.Number(r) : "n/a")} | {(c.UtilisationAtPeak is { } u ? Format.Rate(u) : "n/a")} |"));
            }
            md.AppendLine();
        }
    }

    private static void WritePlan(StringBuilder md, CapacityPlan? plan)
    {
        if (plan is null) return;
        md.AppendLine("## Capacity plan").AppendLine();
        md.AppendLine(Format.Invariant($"Baseline {plan.BaselineRps:0} RPS → target {plan.TargetRps:0} RPS (designed for {plan.DesignRps:0} RPS). Measured within SLOs on the tested setup: {plan.MeasuredSustainableRps:0} RPS."));
        md.AppendLine();
        md.AppendLine("| Change | What | Monthly Cost Delta |");
        md.AppendLine("|---|---|---|");
        foreach (var c in plan.Changes)
        {
            var cost = c.MonthlyCostDelta == 0 ? $"{Format.Money(0, plan.Currency)} (config change)" : Format.SignedMoney(c.MonthlyCostDelta, plan.Currency) + "/mo";
            md.AppendLine($"| {Format.Cell(c.Change)} | {Format.Cell(c.What)} | {cost} |");
        }
        md.AppendLine();
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
        md.AppendLine(Format.Invariant($"`{VerificationProfile.ScriptFileName}`: ramps to {v.PeakVus} VUs (design {v.DesignRps:0} RPS), then soaks at {v.SoakVus} VUs for {v.SoakMinutes:0} minutes with {v.ThinkTimeSeconds:0.##} s think time; thresholds {thresholds}."));
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
