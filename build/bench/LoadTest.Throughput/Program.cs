using System.Globalization;
using LoadTest.Runtime.Execution;

// Usage: LoadTest.Throughput <url> [vus=50] [seconds=10] [raw]. Prints "engine_rps=<requests per second>";
// with "raw", also a bare HttpClient loop on the same pool settings ("raw_rps="), to tell the engine's own cost
// from the .NET HTTP stack's.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: LoadTest.Throughput <url> [vus] [seconds]");
    return 2;
}
var url = args[0];
var vus = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;

if (args.Length > 3 && args[3] == "raw")
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseCookies = false };
    using var client = new HttpClient(handler);
    long count = 0;
    var stopAt = DateTime.UtcNow.AddSeconds(seconds);
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, vus).Select(_ => Task.Run(async () =>
    {
        while (DateTime.UtcNow < stopAt)
        {
            await client.GetStringAsync(url);
            Interlocked.Increment(ref count);
        }
    })));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw_rps={count / clock.Elapsed.TotalSeconds:0.0}"));
}

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
