using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Tests.Distributed;

public sealed class ExecutorSegmentationTests
{
    private static readonly string[] Sequences = ["0,1/3,2/3,1", "0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0,1/2,1", "0,1/7,3/7,1", "0,25%,50%,100%"];

    private static IEnumerable<SegmentedExecutor> Split(ExecutorConfig config, string sequence)
    {
        var parsed = ExecutionSegmentSequence.Parse(sequence);
        return parsed.Segments.Select(s => ExecutorSegmentation.Scale(config, new ExecutionTuple(s, parsed)));
    }

    [Fact]
    public void Vu_counts_and_iterations_add_up_for_every_closed_executor()
    {
        foreach (var sequence in Sequences)
        {
            var constant = Split(new ConstantVus(10, TimeSpan.FromMinutes(1)), sequence).ToArray();
            Assert.Equal(10, constant.Sum(s => (s.Config as ConstantVus)?.Vus ?? 0));
            Assert.All(constant, s => Assert.Equal(1, s.RateShare.ToDouble()));

            var shared = Split(new SharedIterations(7, 1001), sequence).ToArray();
            Assert.Equal(1001, shared.Sum(s => (s.Config as SharedIterations)?.Iterations ?? 0));
            Assert.All(shared.Select(s => s.Config).OfType<SharedIterations>(), s => Assert.True(s.Iterations >= s.Vus));
            // Shares with iterations but no striped VU get one, so every iteration runs.
            Assert.InRange(shared.Sum(s => (s.Config as SharedIterations)?.Vus ?? 0), 7, 7 + shared.Length);

            var perVu = Split(new PerVuIterations(9, 20), sequence).Select(s => s.Config).OfType<PerVuIterations>().ToArray();
            Assert.Equal(9, perVu.Sum(p => p.Vus));
            Assert.All(perVu, p => Assert.Equal(20, p.Iterations));

            var ramping = new RampingVus(5, [new Stage(TimeSpan.FromSeconds(30), 100), new Stage(TimeSpan.FromSeconds(60), 37), new Stage(TimeSpan.FromSeconds(10), 0)]);
            var parts = Split(ramping, sequence).Select(s => s.Config).OfType<RampingVus>().ToArray();
            Assert.Equal(5, parts.Sum(p => p.StartVus));
            for (var stage = 0; stage < ramping.Stages.Count; stage++)
            {
                Assert.Equal(ramping.Stages[stage].Target, parts.Sum(p => p.Stages[stage].Target));
                Assert.All(parts, p => Assert.Equal(ramping.Stages[stage].Duration, p.Stages[stage].Duration));
            }
        }
    }

    [Fact]
    public void Arrival_rates_add_up_exactly_and_vus_are_striped()
    {
        foreach (var sequence in Sequences)
        {
            var config = new ConstantArrivalRate(100, TimeSpan.FromMinutes(2), 50, 200) { TimeUnit = TimeSpan.FromSeconds(1) };
            var parts = Split(config, sequence).Select(s => s.Config).OfType<ConstantArrivalRate>().ToArray();
            Assert.Equal(50, parts.Sum(p => p.PreAllocatedVus));
            Assert.Equal(200, parts.Sum(p => p.MaxVus));
            // Sum of rate_i / timeUnit_i in iterations per tick, compared exactly as fractions.
            var total = parts.Aggregate(Fraction.Zero, (acc, p) => acc + new Fraction(p.Rate, p.TimeUnit.Ticks));
            Assert.Equal(new Fraction(100, TimeSpan.TicksPerSecond), total);
            Assert.All(parts, p => Assert.Equal(config.Duration, p.Duration));

            var ramping = new RampingArrivalRate(10, [new Stage(TimeSpan.FromSeconds(30), 300), new Stage(TimeSpan.FromSeconds(30), 0)], 20, 100);
            var rampParts = Split(ramping, sequence).Select(s => s.Config).OfType<RampingArrivalRate>().ToArray();
            Assert.Equal(new Fraction(10, TimeSpan.TicksPerSecond), rampParts.Aggregate(Fraction.Zero, (acc, p) => acc + new Fraction(p.StartRate, p.TimeUnit.Ticks)));
            Assert.Equal(new Fraction(300, TimeSpan.TicksPerSecond), rampParts.Aggregate(Fraction.Zero, (acc, p) => acc + new Fraction(p.Stages[0].Target, p.TimeUnit.Ticks)));
        }
    }

    [Fact]
    public void Half_of_a_rate_keeps_the_time_unit_when_it_divides()
    {
        var half = ExecutorSegmentation.Scale(new ConstantArrivalRate(10, TimeSpan.FromSeconds(30), 4, 8), ExecutionTuple.Parse("0:1/2", "0,1/2,1"));
        var config = Assert.IsType<ConstantArrivalRate>(half.Config);

        Assert.Equal(5, config.Rate);
        Assert.Equal(TimeSpan.FromSeconds(1), config.TimeUnit);
        Assert.Equal("1/2", half.RateShare.ToString());
    }

    [Fact]
    public void A_third_of_an_indivisible_rate_stretches_the_time_unit()
    {
        var third = ExecutorSegmentation.Scale(new ConstantArrivalRate(10, TimeSpan.FromSeconds(30), 3, 3), ExecutionTuple.Parse("1/3:2/3", "0,1/3,2/3,1"));
        var config = Assert.IsType<ConstantArrivalRate>(third.Config);

        Assert.Equal(10, config.Rate);
        Assert.Equal(TimeSpan.FromSeconds(3), config.TimeUnit);
    }

    [Fact]
    public void Instances_take_interleaved_slots_of_the_whole_arrival_schedule()
    {
        // 7 iterations per 2 s over 0,0.3,0.5,1: together the instances start exactly the whole test's arrivals.
        var sequence = ExecutionSegmentSequence.Parse("0,0.3,0.5,1");
        var whole = Enumerable.Range(0, 70).Select(i => TimeSpan.FromTicks(i * TimeSpan.FromSeconds(2).Ticks / 7)).ToArray();
        var starts = sequence.Segments.SelectMany(s =>
        {
            var tuple = new ExecutionTuple(s, sequence);
            return Enumerable.Range(0, (int)tuple.Scale(70)).Select(i => tuple.ArrivalTime(i, 7, TimeSpan.FromSeconds(2)));
        }).Order().ToArray();

        Assert.Equal(whole, starts);
        // The biggest segment takes the first slot (k6 stripes biggest first); the others start later, not all at once.
        var firsts = sequence.Segments.Select(s => new ExecutionTuple(s, sequence).ArrivalTime(0, 7, TimeSpan.FromSeconds(2))).ToArray();
        Assert.Equal(TimeSpan.Zero, firsts[2]);
        Assert.Equal(3, firsts.Distinct().Count());
    }

    [Fact]
    public void An_empty_share_has_no_config()
    {
        // Two VUs over three instances: the third instance runs nothing in this scenario.
        var parts = Split(new ConstantVus(2, TimeSpan.FromSeconds(10)), "0,1/3,2/3,1").ToArray();

        Assert.Equal(2, parts.Count(p => p.Config is not null));
        Assert.Null(parts[2].Config);
    }

    [Fact]
    public void The_full_segment_changes_nothing()
    {
        var config = new RampingVus(3, [new Stage(TimeSpan.FromSeconds(5), 11)]);

        Assert.Same(config, ExecutorSegmentation.Scale(config, ExecutionTuple.Full).Config);
    }

    [Theory]
    [InlineData("1", "0,1/3,2/3,1", "1/3:2/3")]
    [InlineData("0:1/2", null, "0:1/2")]
    [InlineData("2/3:1", "0,1/3,2/3,1", "2/3:1")]
    public void Reads_the_segment_from_the_environment(string segment, string? sequence, string expected)
    {
        var env = new Dictionary<string, string?> { [ExecutionTuple.SegmentVariable] = segment, [ExecutionTuple.SequenceVariable] = sequence };

        var tuple = ExecutionTuple.FromEnvironment(name => env.GetValueOrDefault(name));

        Assert.Equal(expected, tuple.Segment.ToString());
    }

    [Fact]
    public void No_segment_in_the_environment_means_the_whole_test()
    {
        Assert.True(ExecutionTuple.FromEnvironment(_ => null).IsFull);
    }

    [Fact]
    public void An_index_beyond_the_sequence_gives_LT4083()
    {
        var env = new Dictionary<string, string?> { [ExecutionTuple.SegmentVariable] = "3", [ExecutionTuple.SequenceVariable] = "0,1/3,2/3,1" };

        var error = Assert.Throws<LoadTestConfigurationException>(() => ExecutionTuple.FromEnvironment(name => env.GetValueOrDefault(name)));
        Assert.Equal("LT4083", error.Code);
    }
}
