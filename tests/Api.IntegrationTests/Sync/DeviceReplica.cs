using MediaGateway.Application.Sync.DeltaSync;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Api.IntegrationTests.Sync;

/// <summary>
/// What an app keeps on a device: its own OR-Set and progress registers, the operations it made offline, and
/// its cursor. It applies its own edits locally, sends them on sync, and merges what the server sends back,
/// exactly as the domain rules say.
/// </summary>
internal sealed class DeviceReplica(string deviceId, long clockBaseMs)
{
    private static readonly ResumeRules Rules = ResumeRules.Default;
    private readonly List<object> _pending = [];
    private ObservedRemoveSet<string> _watchlist = new();
    private Dictionary<string, ContentProgress> _progress = new(StringComparer.Ordinal);
    private string? _cursor;
    private int _tick;

    public string DeviceId { get; } = deviceId;

    public IReadOnlySet<string> Watchlist => _watchlist.Items;

    public IReadOnlyDictionary<string, (int? Position, bool Completed)> Progress =>
        _progress.Where(p => !p.Value.IsDeleted || p.Value.IsCompleted)
            .ToDictionary(p => p.Key, p => (p.Value.Position.Value?.PositionSeconds, p.Value.IsCompleted));

    private HybridTimestamp NextStamp(long offsetMs) => new(clockBaseMs + offsetMs, _tick++, DeviceId);

    public void Add(string contentId, long atMs)
    {
        var stamp = NextStamp(atMs);
        var tag = $"{DeviceId}-{_tick}";
        _watchlist.Add(contentId, tag, stamp);
        _pending.Add(new { type = "watchlist.add", contentId, tag, hlc = Hlc(stamp) });
    }

    public void Remove(string contentId, long atMs)
    {
        var stamp = NextStamp(atMs);
        var tags = _watchlist.ObservedTags(contentId);
        _watchlist.Remove(tags);
        _pending.Add(new { type = "watchlist.remove", contentId, tags, hlc = Hlc(stamp) });
    }

    public void SetProgress(string contentId, int position, long atMs, int duration = 6000)
    {
        var stamp = NextStamp(atMs);
        Merge(contentId, ContentProgress.FromSet(new PlaybackPosition(position, duration, PlaybackState.Paused), stamp, Rules));
        _pending.Add(new { type = "progress.set", contentId, positionSeconds = position, durationSeconds = duration, state = "paused", hlc = Hlc(stamp) });
    }

    public void DeleteProgress(string contentId, long atMs)
    {
        var stamp = NextStamp(atMs);
        Merge(contentId, ContentProgress.FromDelete(stamp));
        _pending.Add(new { type = "progress.delete", contentId, hlc = Hlc(stamp) });
    }

    public async Task SyncAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sync",
            new { deviceId = DeviceId, cursor = _cursor, operations = _pending }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<SyncResponseDto>(cancellationToken))!;
        _pending.Clear();
        if (body.FullResync)
        {
            _watchlist = new ObservedRemoveSet<string>();
            _progress = new Dictionary<string, ContentProgress>(StringComparer.Ordinal);
        }

        foreach (var change in body.Operations)
        {
            Apply(change);
        }

        _cursor = body.Cursor;
    }

    private void Apply(SyncChangeDto change)
    {
        var stamp = new HybridTimestamp(change.Hlc.PhysicalMs, change.Hlc.Logical, change.DeviceId);
        switch (change.Type)
        {
            case "watchlist.add":
                _watchlist.Add(change.ContentId, change.Tag!, stamp);
                break;
            case "watchlist.remove":
                _watchlist.Remove(change.Tags!);
                break;
            case "progress.set":
                var position = new PlaybackPosition(change.PositionSeconds!.Value, change.DurationSeconds!.Value, PlaybackState.Paused);
                var completion = change.CompletedHlc is null
                    ? null
                    : new LwwRegister<bool>(change.Completed!.Value,
                        new HybridTimestamp(change.CompletedHlc.PhysicalMs, change.CompletedHlc.Logical, change.CompletedDeviceId!));
                Merge(change.ContentId, new ContentProgress(new LwwRegister<PlaybackPosition?>(position, stamp), completion));
                break;
            case "progress.delete":
                Merge(change.ContentId, ContentProgress.FromDelete(stamp));
                break;
        }
    }

    private void Merge(string contentId, ContentProgress incoming) =>
        _progress[contentId] = _progress.TryGetValue(contentId, out var current) ? current.Merge(incoming) : incoming;

    private static object Hlc(HybridTimestamp stamp) => new { physicalMs = stamp.PhysicalMs, logical = stamp.Logical };
}
