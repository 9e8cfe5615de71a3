using System.Globalization;
using LoadTest.Runtime.Execution;

// Usage: LoadTest.Throughput <url> [vus=50] [seconds=10]. Prints "engine_rps=<requests per second>".
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: LoadTest.Throughput <url> [vus] [seconds]");
    return 2;
}
var url = args[0];
var vus = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;

var plan = new LoadTestPlan("throughput",
[
    new Scenario("get", new ConstantVus(vus, TimeSpan.FromSeconds(seconds)) { GracefulStop = TimeSpan.FromSeconds(5) },
        async (vu, ct) => await vu.Http.GetAsync(url, "GET static", ct)),
]);
var settings = new RunSettings
{
    ResultsDirectory = Path.Combine(Path.GetTempPath(), "loadtest-throughput"),
    Quiet = true,
};
var result = await LoadTestRunner.RunAsync(plan, settings, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"engine_rps={result.Requests / result.Duration.TotalSeconds:0.0} requests={result.Requests} failed={result.ErrorRate:P2} seconds={result.Duration.TotalSeconds:0.0}"));
return result.ErrorRate > 0.01 ? 1 : 0;
