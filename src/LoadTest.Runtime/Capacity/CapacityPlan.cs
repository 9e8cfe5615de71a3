namespace LoadTest.Runtime.Capacity;

/// <summary>One recommended change with its monthly cost effect and the prices it rests on.</summary>
public sealed record PlanChange(string Change, string What, decimal MonthlyCostDelta, IReadOnlyList<string> PriceCitations, string Why)
{
    /// <summary>What the cost cell says beside the delta when the delta alone misleads ("up to +$58/mo at 4 pods").</summary>
    public string? CostNote { get; init; }

    /// <summary>True for the change that lifts the measured limit (listed first).</summary>
    public bool FixesLimit { get; init; }
}

/// <summary>The capacity plan: configuration first, then scaling, each with cost; totals and efficiency.</summary>
public sealed record CapacityPlan(
    double BaselineRps,
    double TargetRps,
    double DesignRps,
    double MeasuredSustainableRps,
    IReadOnlyList<PlanChange> Changes,
    decimal CurrentMonthlyCost,
    decimal NewMonthlyCost,
    decimal TotalMonthlyDelta,
    decimal CostPer1000RpsBefore,
    decimal CostPer1000RpsAfter,
    string Currency,
    string CatalogOrigin,
    int RecommendedPods,
    int AutoscalerMin,
    int AutoscalerMax,
    double AutoscalerTargetCpu,
    IReadOnlyList<string> Assumptions);
