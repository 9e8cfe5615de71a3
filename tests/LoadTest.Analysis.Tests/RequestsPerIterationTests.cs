using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>Requests one flow iteration sends, measured from a run in which each VU also signs up and logs in once.</summary>
public class RequestsPerIterationTests
{
    private static RunTimeSeries Run(int vus, int iterations, params (string Name, long Requests)[] endpoints)
    {
        var start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var series = endpoints.Select(e => new SeriesWindow(e.Name, e.Name.Split(' ')[0], e.Requests, 0, new LatencyHistogram())).ToList();
        return new RunTimeSeries(start, [new TimeWindow(start, 10, vus, vus, iterations, 0, null, series)], []);
    }

    [Fact]
    public void A_short_run_leaves_out_each_virtual_users_sign_up_and_login()
    {
        // 2 VUs, 7 iterations of a 4-request checkout, each VU signed up and logged in once: the flow is 4 requests.
        var series = Run(2, 7, ("GET /api/products", 7), ("POST /api/cart/add", 7), ("POST /api/orders/create", 7), ("GET /api/orders/{id}", 7),
            ("POST /api/auth/signup", 2), ("POST /api/auth/login", 2));

        Assert.Equal(4.0, CapacityAnalysis.RequestsPerIteration(series, LoadModel.Closed)!.Value, 3);
    }

    [Fact]
    public void An_endpoint_called_every_iteration_counts_even_when_there_are_few_iterations_per_vu()
    {
        // 3 VUs, 3 iterations: one per VU, so nothing tells a per-VU call from a per-iteration one; all count.
        var series = Run(3, 3, ("POST /api/cart/add", 3), ("POST /api/auth/login", 3));

        Assert.Equal(2.0, CapacityAnalysis.RequestsPerIteration(series, LoadModel.Closed)!.Value, 3);
    }
}
