namespace LoadTest.Runtime.Execution;

/// <summary>Rejects plans k6 would reject, before anything runs (LT4059).</summary>
internal static class PlanValidator
{
    public static void Validate(LoadTestPlan plan)
    {
        if (plan.Scenarios.Count == 0) Fail(plan, "has no scenarios");
        foreach (var duplicate in plan.Scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            Fail(plan, $"has two scenarios named '{duplicate.Key}'; scenario names must be unique");
        }
        foreach (var scenario in plan.Scenarios)
        {
            var problem = Check(scenario.Executor);
            if (problem is not null) Fail(plan, $"scenario '{scenario.Name}' ({scenario.Executor.Kind}): {problem}");
        }
    }

    private static string? Check(ExecutorConfig executor)
    {
        if (executor.StartTime < TimeSpan.Zero) return "startTime must not be negative";
        if (executor.GracefulStop < TimeSpan.Zero) return "gracefulStop must not be negative";
        return executor switch
        {
            SharedIterations s when s.Vus <= 0 => "vus must be greater than 0",
            SharedIterations s when s.Iterations < s.Vus => "iterations must be at least vus (k6 rule)",
            SharedIterations s when s.MaxDuration <= TimeSpan.Zero => "maxDuration must be positive",
            PerVuIterations p when p.Vus <= 0 || p.Iterations <= 0 => "vus and iterations must be greater than 0",
            PerVuIterations p when p.MaxDuration <= TimeSpan.Zero => "maxDuration must be positive",
            ConstantVus c when c.Vus <= 0 => "vus must be greater than 0",
            ConstantVus c when c.Duration <= TimeSpan.Zero => "duration must be positive",
            RampingVus r when r.StartVus < 0 => "startVUs must not be negative",
            RampingVus r when r.Stages.Count == 0 => "needs at least one stage",
            RampingVus r when r.Stages.Any(s => s.Target < 0 || s.Duration < TimeSpan.Zero) => "stage targets and durations must not be negative",
            RampingVus r when r.GracefulRampDown < TimeSpan.Zero => "gracefulRampDown must not be negative",
            ConstantArrivalRate c when c.Rate <= 0 => "rate must be greater than 0",
            ConstantArrivalRate c when c.Duration <= TimeSpan.Zero || c.TimeUnit <= TimeSpan.Zero => "duration and timeUnit must be positive",
            ConstantArrivalRate c when c.PreAllocatedVus < 0 || c.MaxVus < 0 || (c.PreAllocatedVus == 0 && c.MaxVus == 0) => "needs preAllocatedVUs or maxVUs above 0",
            RampingArrivalRate r when r.StartRate < 0 || r.Stages.Any(s => s.Target < 0 || s.Duration < TimeSpan.Zero) => "rates and durations must not be negative",
            RampingArrivalRate r when r.Stages.Count == 0 => "needs at least one stage",
            RampingArrivalRate r when r.TimeUnit <= TimeSpan.Zero => "timeUnit must be positive",
            RampingArrivalRate r when r.PreAllocatedVus < 0 || r.MaxVus < 0 || (r.PreAllocatedVus == 0 && r.MaxVus == 0) => "needs preAllocatedVUs or maxVUs above 0",
            _ => null,
        };
    }

    private static void Fail(LoadTestPlan plan, string problem) =>
        throw new LoadTestConfigurationException("LT4059", $"plan '{plan.Name}' {problem}. Fix the scenario options (k6 names and rules apply).");
}
