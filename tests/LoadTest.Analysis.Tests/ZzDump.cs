using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Reporting;
namespace LoadTest.Analysis.Tests;
public class ZzDump
{
    [Fact]
    public void Dump()
    {
        var run = SyntheticRuns.OpenPoolServer(servers: 10, serviceMs: 50, seconds: 60, startRate: 1, endRate: 400, maxVus: 1000);
        var dir = SyntheticRuns.NativeResults(run);
        var p = ReportGenerator.WriteReports(new ReportRequest(dir) { OutputDirectory = "/tmp/i14/open", CapacityPlanInputPath = SyntheticRuns.FixturePath("capacity-input.json") });
        var dir2 = SyntheticRuns.NativeResults(SyntheticRuns.ProductStoryRun(true));
        ReportGenerator.WriteReports(new ReportRequest(dir2) { OutputDirectory = "/tmp/i14/story", CapacityPlanInputPath = SyntheticRuns.FixturePath("capacity-input.json") });
    }
}
