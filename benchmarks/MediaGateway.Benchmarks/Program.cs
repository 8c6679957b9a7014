using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- --filter '*'
// benchmarks/run.sh runs these and the HTTP load, and writes docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(MediaGateway.Benchmarks.RequestPipelineBenchmarks).Assembly).Run(args);
