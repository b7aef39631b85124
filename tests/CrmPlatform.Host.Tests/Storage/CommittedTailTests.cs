using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Storage;

public sealed class CommittedTailTests
{
    [Fact]
    public void TryRead_RangeInTheRing_ReturnsItInPositionOrder()
    {
        var tail = Filled(capacity: 8, upTo: 5);

        var events = tail.TryRead(afterPosition: 2, head: 5, maxCount: 10, filter: null);

        Assert.Equal([3L, 4L, 5L], events!.Select(e => e.Position));
    }

    [Fact]
    public void TryRead_MaxCount_StopsThere()
    {
        var tail = Filled(capacity: 8, upTo: 5);

        Assert.Equal([1L, 2L], tail.TryRead(0, 5, maxCount: 2, filter: null)!.Select(e => e.Position));
    }

    [Fact]
    public void TryRead_RangeOverwrittenByNewerEvents_IsNull()
    {
        var tail = Filled(capacity: 4, upTo: 6);

        Assert.Null(tail.TryRead(afterPosition: 1, head: 6, maxCount: 10, filter: null));
        Assert.Null(tail.TryRead(afterPosition: 0, head: 4, maxCount: 10, filter: null));
    }

    [Fact]
    public void TryRead_PositionNeverAdded_IsNull()
    {
        var tail = Filled(capacity: 8, upTo: 3);

        Assert.Null(tail.TryRead(afterPosition: 0, head: 4, maxCount: 10, filter: null));
    }

    [Fact]
    public void TryRead_Filter_KeepsOnlyMatchingEventsButWalksTheWholeRange()
    {
        var tail = Filled(capacity: 8, upTo: 6);

        var events = tail.TryRead(0, 6, maxCount: 10, filter: e => e.CustomerId == "c-even");

        Assert.Equal([2L, 4L, 6L], events!.Select(e => e.Position));
    }

    private static CommittedTail Filled(int capacity, long upTo)
    {
        var tail = new CommittedTail(capacity);
        for (var position = 1L; position <= upTo; position++)
        {
            tail.Add(new EventEnvelope(
                Guid.NewGuid(), position % 2 == 0 ? "c-even" : "c-odd", position, position, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
                "test", null, null, new TagsChanged(["t"], [])));
        }

        return tail;
    }
}
