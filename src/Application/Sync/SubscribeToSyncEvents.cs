using System.Runtime.CompilerServices;
using Mediator;
using MediaGateway.Domain.Identity;

namespace MediaGateway.Application.Sync;

/// <summary>The user's changes as they happen, from every API instance.</summary>
public sealed record SubscribeToSyncEventsQuery(UserRef User) : IStreamQuery<SyncNotice>;

/// <summary>Delivers notices published by <see cref="ISyncNotifier"/> on any instance to this instance's listeners.</summary>
public interface ISyncEventStream
{
    IAsyncEnumerable<SyncNotice> SubscribeAsync(UserRef user, CancellationToken cancellationToken);
}

public sealed class SubscribeToSyncEventsHandler(ISyncEventStream events) : IStreamQueryHandler<SubscribeToSyncEventsQuery, SyncNotice>
{
    public async IAsyncEnumerable<SyncNotice> Handle(
        SubscribeToSyncEventsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var notice in events.SubscribeAsync(query.User, cancellationToken))
        {
            yield return notice;
        }
    }
}
