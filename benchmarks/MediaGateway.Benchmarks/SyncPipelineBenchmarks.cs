using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MediaGateway.Application.Sync;
using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Identity;
using Microsoft.Extensions.Options;

namespace MediaGateway.Benchmarks;

/// <summary>The in-process share of a 100-operation POST /sync: request JSON, validation, response JSON.</summary>
[MemoryDiagnoser]
public class SyncPipelineBenchmarks
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly SyncValidator _validator = new(Options.Create(new SyncOptions()));
    private string _requestJson = "";
    private SyncCommand _command = null!;
    private SyncResponseDto _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var operations = new List<SyncOperationDto>();
        for (var i = 0; i < 50; i++)
        {
            operations.Add(new("progress.set", $"title-{i}", null, null, new HlcDto(now, i), i * 10, 6000, "paused"));
        }

        for (var i = 0; i < 25; i++)
        {
            operations.Add(new("watchlist.add", $"film-{i}", $"tag-{i}", null, new HlcDto(now, 50 + i), null, null, null));
            operations.Add(new("watchlist.remove", $"film-{i}", null, [$"old-{i}"], new HlcDto(now, 75 + i), null, null, null));
        }

        _command = new SyncCommand(new UserRef("t", "u"), "tv", "c42", operations);
        _requestJson = JsonSerializer.Serialize(new { deviceId = "tv", cursor = "c42", operations }, Web);
        _response = new SyncResponseDto("c142", new HlcDto(now, 0), operations.Select(o =>
            new SyncChangeDto(o.Type!, o.ContentId!, o.Hlc!, "phone", o.Tag, o.Tags, o.PositionSeconds, o.DurationSeconds, o.State)).ToList(), false);
    }

    [Benchmark]
    public int DeserializeRequest() => JsonSerializer.Deserialize<SyncRequestShape>(_requestJson, Web)!.Operations.Count;

    [Benchmark]
    public bool Validate100Operations() => _validator.Validate(_command).IsValid;

    [Benchmark]
    public int SerializeResponse() => JsonSerializer.SerializeToUtf8Bytes(_response, Web).Length;

    public sealed record SyncRequestShape(string DeviceId, string? Cursor, List<SyncOperationDto> Operations);
}
