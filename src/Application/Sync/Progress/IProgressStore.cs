using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Sync;

namespace MediaGateway.Application.Sync.Progress;

public sealed record StoredProgress(string ContentId, ContentProgress Progress, DateTimeOffset UpdatedAt);

/// <summary>What a write left stored (which may be a newer write than this one) and whether this one took effect.</summary>
public sealed record ProgressWriteResult(StoredProgress Stored, bool Applied);

/// <summary>A user's playback progress. LWW is enforced by the store itself, so concurrent writers converge.</summary>
public interface IProgressStore
{
    /// <summary>Merges <paramref name="incoming"/> into the stored progress; durable when the task completes.</summary>
    Task<ProgressWriteResult> WriteAsync(UserRef user, string contentId, ContentProgress incoming, CancellationToken cancellationToken);

    Task<StoredProgress?> FindAsync(UserRef user, string contentId, CancellationToken cancellationToken);

    /// <summary>Every title with stored progress (deleted ones excluded), most recently updated first.</summary>
    Task<IReadOnlyList<StoredProgress>> ListAsync(UserRef user, CancellationToken cancellationToken);
}
