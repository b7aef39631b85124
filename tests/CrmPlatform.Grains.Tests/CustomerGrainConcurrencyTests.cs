using CrmPlatform.Grains.Abstractions.Commands;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainConcurrencyTests(ClusterFixture fixture)
{
    private const int Commands = 50;

    [Fact]
    public async Task ExecuteAsync_ParallelCommandsToOneCustomer_AreAllAcceptedWithoutGaps()
    {
        var id = await fixture.RegisterAsync("busy");

        var results = await Task.WhenAll(Enumerable.Range(0, Commands).Select(i => fixture.SendAsync(
            id,
            i % 2 == 0 ? AddTags($"tag-{i:00}") : Interaction($"int-{i:00}"))));

        Assert.All(results, r => Assert.Equal(CommandStatus.Accepted, r.Status));
        Assert.All(results, r => Assert.Equal(r.FirstSequence, r.LastSequence));
        Assert.Equal(Enumerable.Range(2, Commands).Select(i => (long)i), results.Select(r => r.FirstSequence).Order());
        var stream = fixture.Log.StreamOf(id);
        Assert.Equal(Enumerable.Range(1, Commands + 1).Select(i => (long)i), stream.Select(e => e.Sequence));
        Assert.True(stream.Zip(stream.Skip(1)).All(p => p.First.Position < p.Second.Position), "Positions must increase along the stream.");
        var view = await fixture.ViewAsync(id);
        Assert.Equal(Commands + 1, view.Version);
        Assert.Equal(Commands / 2, view.InteractionCount);
        Assert.Equal(Enumerable.Range(0, Commands).Where(i => i % 2 == 0).Select(i => $"tag-{i:00}"), view.Tags);
    }

    [Fact]
    public async Task ExecuteAsync_ParallelCommandsWithRepeatedKeys_WriteEachKeyOnce()
    {
        var id = await fixture.RegisterAsync("busy");

        var results = await Task.WhenAll(Enumerable.Range(0, Commands).Select(i => fixture.SendAsync(
            id, Interaction($"int-{i % 10}"), idempotencyKey: $"k-{i % 10}")));

        Assert.Equal(10, results.Count(r => r.Status == CommandStatus.Accepted));
        Assert.Equal(Commands - 10, results.Count(r => r.Status == CommandStatus.Replayed));
        Assert.Equal(11, fixture.Log.StreamOf(id).Count);
        Assert.Equal(10, (await fixture.ViewAsync(id)).InteractionCount);
    }

    [Fact]
    public async Task ExecuteAsync_ParallelCommandsToManyCustomers_KeepEachStreamGapFree()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => fixture.RegisterAsync("many")));

        var results = await Task.WhenAll(ids.SelectMany(id => Enumerable.Range(0, 5).Select(i => fixture.SendAsync(id, AddTags($"t{i}")))));

        Assert.All(results, r => Assert.Equal(CommandStatus.Accepted, r.Status));
        foreach (var id in ids)
        {
            Assert.Equal([1L, 2, 3, 4, 5, 6], fixture.Log.StreamOf(id).Select(e => e.Sequence));
        }
    }
}
