using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- --filter '*'
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- entity-latency
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- entity-scale [batches]
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- recommendation-search <tenant> [queries]
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- embedding-throughput
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- interaction-ingest <tenant> [callers] [events per call] [seconds]
// dotnet run -c Release --project benchmarks/MediaGateway.Benchmarks -- recommendation-eval [--tenant eval] [--entities 5000] [--users 2000] [--seed 42] [--vectors model|synthetic] [--diagnose true] [--write docs/benchmarks.md]
// benchmarks/run.sh runs these and the HTTP load, and writes docs/benchmarks.md.
if (args is ["entity-latency"])
{
    await MediaGateway.Benchmarks.EntityLatencyProbe.RunAsync();
    return;
}

if (args is ["entity-scale", .. var scale])
{
    await MediaGateway.Benchmarks.EntityScaleProbe.RunAsync(scale.Length > 0 ? int.Parse(scale[0], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

if (args is ["embedding-throughput"])
{
    await MediaGateway.Benchmarks.EmbeddingThroughputProbe.RunAsync();
    return;
}

if (args is ["recommendation-search", var tenant, ..])
{
    await MediaGateway.Benchmarks.RecommendationSearchProbe.RunAsync(tenant, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
    return;
}

if (args is ["interaction-ingest", var ingestTenant, .. var ingest])
{
    int Arg(int index, int fallback) => ingest.Length > index ? int.Parse(ingest[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await MediaGateway.Benchmarks.InteractionIngestProbe.RunAsync(ingestTenant, Arg(0, 32), Arg(1, 1), Arg(2, 15));
    return;
}

if (args is ["recommendation-eval", .. var evaluation])
{
    Environment.ExitCode = await MediaGateway.Benchmarks.RecommendationEvaluation.RunAsync(evaluation);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MediaGateway.Benchmarks.RequestPipelineBenchmarks).Assembly).Run(args);
