using LoadTest.Distributed.Runner;
using LoadTest.Runtime;

// Runs the plan the way a generated test does (LoadTestSession): BASE_URL, LOADTEST_RESULTS_DIR, LOADTEST_SEGMENT
// and LOADTEST_SEGMENT_SEQUENCE come from the environment. Exit code: 0 thresholds passed, 1 failed, 2 error.
try
{
    var result = await LoadTestSession.RunAsync(DistributedPlan.Create(), typeof(DistributedPlan).Assembly, CancellationToken.None);
    Console.WriteLine($"segment {result.Segment ?? "whole"}: {result.Requests} requests, thresholds {(result.ThresholdsPassed ? "passed" : "failed")}, results {result.ResultsDirectory}");
    return result.ThresholdsPassed ? 0 : 1;
}
catch (LoadTest.Runtime.Execution.LoadTestConfigurationException exception)
{
    Console.Error.WriteLine($"{exception.Code}: {exception.Message}");
    return 2;
}
