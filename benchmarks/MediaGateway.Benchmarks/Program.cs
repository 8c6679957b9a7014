using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- entity-latency
// benchmarks/run.sh runs these and the HTTP load, and writes docs/benchmarks.md.
if (args is ["entity-latency"])
{
    await MediaGateway.Benchmarks.EntityLatencyProbe.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MediaGateway.Benchmarks.RequestPipelineBenchmarks).Assembly).Run(args);
