using System.Globalization;
using LoadTest.Runtime.Execution;

// Usage: LoadTest.Throughput <url> [vus=50] [seconds=10] [raw|think]. Prints "engine_rps=<requests per second>";
// with "raw", also a bare HttpClient loop on the same pool settings ("raw_rps="), to tell the engine's own cost
// from the .NET HTTP stack's; with "think", every iteration sleeps 1 s after its request (the memory benchmark).
// Always prints the process's peak resident memory ("peak_rss_mb=").
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

var think = args.Length > 3 && args[3] == "think";
var plan = new LoadTestPlan("throughput",
[
    new Scenario("get", new ConstantVus(vus, TimeSpan.FromSeconds(seconds)) { GracefulStop = TimeSpan.FromSeconds(5) },
        async (vu, ct) =>
        {
            await vu.Http.GetAsync(url, "GET static", ct);
            if (think) await vu.SleepAsync(TimeSpan.FromSeconds(1), ct);
        }),
]);
var settings = new RunSettings
{
    ResultsDirectory = Path.Combine(Path.GetTempPath(), "loadtest-throughput"),
    Quiet = true,
    // The same variable a session reads; the memory benchmark runs with the default cap and unlimited.
    MaxConnectionsPerHost = int.TryParse(Environment.GetEnvironmentVariable("LOADTEST_MAX_CONNECTIONS_PER_HOST"), out var cap) ? cap : RunSettings.DefaultMaxConnectionsPerHost,
};
var result = await LoadTestRunner.RunAsync(plan, settings, CancellationToken.None);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"engine_rps={result.Requests / result.Duration.TotalSeconds:0.0} requests={result.Requests} failed={result.ErrorRate:P2} seconds={result.Duration.TotalSeconds:0.0}"));
// VmHWM is the kernel's high-water mark of resident memory for this process (Linux).
var peakKb = File.Exists("/proc/self/status")
    ? File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault()
    : 0;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak_rss_mb={peakKb / 1024.0:0.0}"));
return result.ErrorRate > 0.01 ? 1 : 0;
