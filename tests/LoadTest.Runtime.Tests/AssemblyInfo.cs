// Schedule and timing tests measure wall-clock behaviour on a small shared machine: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
