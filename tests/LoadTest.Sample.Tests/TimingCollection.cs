namespace LoadTest.Sample.Tests;

/// <summary>Tests that measure throughput run alone, so other tests' traffic does not share the CPU with them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
