using MediaGateway.Domain.Sync;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Sync;

public sealed class ObservedRemoveSetTests
{
    private static readonly HybridTimestamp T = new(1, 0, "tv");

    [Fact]
    public void ConcurrentAddAndRemove_AddWins()
    {
        var phone = new ObservedRemoveSet<string>();
        var tv = new ObservedRemoveSet<string>();
        phone.Add("movie", "t1", T);
        tv.Merge(phone);

        tv.Remove(tv.ObservedTags("movie"));      // tv removes what it saw: t1
        phone.Add("movie", "t2", T);               // meanwhile phone adds again
        phone.Merge(tv);
        tv.Merge(phone);

        Assert.True(phone.Contains("movie"));
        Assert.Equal(phone.Items, tv.Items);
    }

    [Fact]
    public void AddReplacingObserved_KeepsOneTag_AndAConcurrentRemoveStillLosesToIt()
    {
        var tv = new ObservedRemoveSet<string>();
        tv.Add("movie", "t1", T);
        var phone = new ObservedRemoveSet<string>();
        phone.Merge(tv);

        phone.Remove(phone.ObservedTags("movie"));                   // phone removes what it saw: t1
        var replaced = tv.AddReplacingObserved("movie", "t2", T);     // meanwhile tv adds again, replacing t1
        var replacedAgain = tv.AddReplacingObserved("movie", "t3", T);
        phone.Merge(tv);
        tv.Merge(phone);

        Assert.Equal(["t1"], replaced);
        Assert.Equal(["t2"], replacedAgain);
        Assert.Equal(["t3"], tv.ObservedTags("movie"));
        Assert.True(phone.Contains("movie"));
        Assert.Equal(phone.Items, tv.Items);
        Assert.Empty(tv.AddReplacingObserved("movie", "t1", T));     // a tag already seen is not added again
        Assert.Equal(["t3"], tv.ObservedTags("movie"));
    }

    [Fact]
    public void AddReplacingObserved_LeavesATagItHasNotSeen()
    {
        var tv = new ObservedRemoveSet<string>();
        var tablet = new ObservedRemoveSet<string>();
        tablet.Add("movie", "tab-1", T);

        tv.AddReplacingObserved("movie", "tv-1", T);
        tv.Merge(tablet);

        Assert.Equal(["tab-1", "tv-1"], tv.ObservedTags("movie").Order());
    }

    [Fact]
    public void RemoveBeforeItsAdd_TagStaysRemoved()
    {
        var set = new ObservedRemoveSet<string>();

        set.Remove(["t1"]);
        var added = set.Add("movie", "t1", T);

        Assert.False(added);
        Assert.Empty(set.Items);
    }

    [Fact]
    public void Remove_OnlyRemovesTheNamedTags()
    {
        var set = new ObservedRemoveSet<string>();
        set.Add("movie", "t1", T);
        set.Add("movie", "t2", T);

        set.Remove(["t1"]);

        Assert.Equal(["t2"], set.ObservedTags("movie"));
    }

    [Fact]
    public void Contains_IsTrueForAListedItemAmongOthers()
    {
        var set = new ObservedRemoveSet<string>();

        var added = set.Add("a", "t-a", T);
        set.Add("b", "t-b", T);

        Assert.True(added);
        Assert.True(set.Contains("a"));
        Assert.False(set.Contains("c"));
        Assert.Throws<ArgumentException>(() => set.Add("c", "", T));
    }

    [Fact]
    public void Merge_TakesInTheOtherReplicasRemoves()
    {
        var here = new ObservedRemoveSet<string>();
        here.Add("film", "t1", T);
        var there = new ObservedRemoveSet<string>();
        there.Merge(here);
        there.Remove(there.ObservedTags("film"));

        here.Merge(there);

        Assert.False(here.Contains("film"));
        Assert.Contains("t1", here.RemovedTags);
    }
}
