using MediaGateway.Application.Sync;
using MediaGateway.Domain.Identity;
using NSubstitute;
using Xunit;

namespace MediaGateway.Application.UnitTests.Sync;

public sealed class SubscribeToSyncEventsTests
{
    [Fact]
    public async Task TheCallersOwnNotices_AreStreamedAsTheyArrive()
    {
        var ct = TestContext.Current.CancellationToken;
        var alice = new UserRef("tenant-a", "alice");
        SyncNotice[] notices = [new(SyncNoticeKind.Watchlist, "film", "tv", 4), new(SyncNoticeKind.Sync, "", "phone", 5)];
        var events = Substitute.For<ISyncEventStream>();
        events.SubscribeAsync(alice, ct).Returns(notices.ToAsyncEnumerable());

        var received = await new SubscribeToSyncEventsHandler(events).Handle(new SubscribeToSyncEventsQuery(alice), ct).ToListAsync(ct);

        Assert.Equal(notices, received);
    }
}
