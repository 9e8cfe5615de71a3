using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable with --filter; see build/README.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
