using MediaGateway.Domain.Common;

namespace MediaGateway.Application.Sync;

/// <summary>What a <see cref="SyncNotice"/> announces: one watchlist entry, one title's progress, or a whole sync batch.</summary>
public enum SyncNoticeKind
{
    Watchlist,
    Progress,
    Sync,
}

/// <summary>The <c>kind</c> of a notice as listeners and the other instances see it.</summary>
public static class SyncNoticeKinds
{
    public static readonly WireNames<SyncNoticeKind> Names = new(
        (SyncNoticeKind.Watchlist, "watchlist"),
        (SyncNoticeKind.Progress, "progress"),
        (SyncNoticeKind.Sync, "sync"));
}
