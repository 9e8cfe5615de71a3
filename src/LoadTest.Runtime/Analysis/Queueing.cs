namespace LoadTest.Runtime.Analysis;

/// <summary>Queueing formulas the bottleneck and pool-sizing logic rest on.</summary>
public static class Queueing
{
    /// <summary>Little's law L = λW: requests in the system from throughput (per second) and time in the system (seconds).</summary>
    public static double InFlight(double throughputPerSecond, double secondsInSystem) => throughputPerSecond * secondsInSystem;

    /// <summary>The throughput L servers can sustain when each request holds one for W seconds (λ = L/W).</summary>
    public static double MaxThroughput(double servers, double secondsPerRequest) => secondsPerRequest > 0 ? servers / secondsPerRequest : double.PositiveInfinity;

    /// <summary>Closed model N = X·(R+Z) solved for the think time Z (never below 0).</summary>
    public static double ThinkTime(double users, double throughputPerSecond, double responseSeconds) =>
        throughputPerSecond > 0 ? Math.Max(0, users / throughputPerSecond - responseSeconds) : 0;

    /// <summary>
    /// Erlang C: probability that a request waits for one of <paramref name="servers"/> (M/M/c) at offered load
    /// <paramref name="erlangs"/> = λ·S. 1 when the load reaches or exceeds the servers.
    /// </summary>
    public static double ErlangC(int servers, double erlangs)
    {
        if (servers <= 0 || erlangs >= servers) return 1;
        if (erlangs <= 0) return 0;
        // Erlang B by its stable recursion, then C from B.
        var b = 1.0;
        for (var k = 1; k <= servers; k++) b = erlangs * b / (k + erlangs * b);
        return servers * b / (servers - erlangs * (1 - b));
    }

    /// <summary>Mean wait in queue (seconds) for M/M/c: C·S/(c−a).</summary>
    public static double MeanWait(int servers, double erlangs, double serviceSeconds) =>
        erlangs >= servers ? double.PositiveInfinity : ErlangC(servers, erlangs) * serviceSeconds / (servers - erlangs);

    /// <summary>Smallest number of servers (e.g. pooled connections) keeping the chance of waiting at or below <paramref name="maxWaitProbability"/>.</summary>
    public static int ServersFor(double arrivalsPerSecond, double serviceSeconds, double maxWaitProbability = 0.05)
    {
        var erlangs = arrivalsPerSecond * serviceSeconds;
        var c = Math.Max(1, (int)Math.Floor(erlangs) + 1);
        while (ErlangC(c, erlangs) > maxWaitProbability && c < 1_000_000) c++;
        return c;
    }
}
