using LoadTest.Runtime.Analysis;

namespace LoadTest.Analysis.Tests;

public class QueueingTests
{
    [Fact]
    public void Erlang_C_matches_the_closed_form_for_two_servers()
    {
        // M/M/2 at utilisation 0.5: P(wait) = 2ρ²/(1+ρ) = 1/3.
        Assert.Equal(1.0 / 3.0, Queueing.ErlangC(2, 1.0), 10);
        // M/M/1: P(wait) = ρ.
        Assert.Equal(0.7, Queueing.ErlangC(1, 0.7), 10);
        Assert.Equal(1.0, Queueing.ErlangC(5, 5.0));
    }

    [Fact]
    public void Servers_for_a_target_keep_the_wait_probability_under_the_limit_and_one_fewer_does_not()
    {
        var servers = Queueing.ServersFor(648, 0.05, 0.05);
        var erlangs = 648 * 0.05;

        Assert.True(Queueing.ErlangC(servers, erlangs) <= 0.05);
        Assert.True(Queueing.ErlangC(servers - 1, erlangs) > 0.05);
        Assert.True(servers > erlangs);
    }

    [Fact]
    public void Littles_law_and_the_closed_model_agree()
    {
        Assert.Equal(20, Queueing.InFlight(400, 0.05), 9);
        Assert.Equal(400, Queueing.MaxThroughput(20, 0.05), 9);
        // 100 users, 50 RPS, 0.5 s response: each user thinks 1.5 s between requests.
        Assert.Equal(1.5, Queueing.ThinkTime(100, 50, 0.5), 9);
    }
}
