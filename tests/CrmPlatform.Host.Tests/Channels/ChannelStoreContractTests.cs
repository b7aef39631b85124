using CrmPlatform.Host.Channels;

namespace CrmPlatform.Host.Tests.Channels;

/// <summary>What every <see cref="IChannelStore"/> must do; each backend's test class says how to open its store.</summary>
public abstract class ChannelStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens the store under test; a second call opens the same store again.</summary>
    protected abstract Task<IChannelStore> OpenAsync();

    [Fact]
    public async Task RecordSentAsync_Twice_KeepsTheFirstAndFindsIt()
    {
        var store = await OpenAsync();

        await store.RecordSentAsync("sms", "SM1", "ada", "m-1", Cancel);
        await store.RecordSentAsync("sms", "SM1", "ada", "m-1", Cancel);

        Assert.Equal(new SentMessageRef("ada", "m-1"), await (await OpenAsync()).FindSentAsync("sms", "SM1", Cancel));
        Assert.Null(await store.FindSentAsync("email", "SM1", Cancel));
    }

    [Fact]
    public async Task SetIdentityAsync_Again_TheLastOneWins()
    {
        var store = await OpenAsync();

        await store.SetIdentityAsync("chat", "visitor-1", "ada", Cancel);
        await store.SetIdentityAsync("chat", "visitor-1", "grace", Cancel);

        Assert.Equal("grace", await store.FindIdentityAsync("chat", "visitor-1", Cancel));
        Assert.Null(await store.FindIdentityAsync("chat", "visitor-2", Cancel));
    }

    [Fact]
    public async Task ListRejectionsAsync_NewestFirstPerChannel()
    {
        var store = await OpenAsync();
        await store.RecordRejectionAsync(new InboundRejection("sms", "10.0.0.1", "bad signature", T0), Cancel);
        await store.RecordRejectionAsync(new InboundRejection("email", null, "bad token", T0.AddMinutes(1)), Cancel);
        await store.RecordRejectionAsync(new InboundRejection("sms", "10.0.0.2", "no signature", T0.AddMinutes(2)), Cancel);

        Assert.Equal(["no signature", "bad signature"], (await store.ListRejectionsAsync("sms", 10, Cancel)).Select(r => r.Reason));
        Assert.Equal(3, (await store.ListRejectionsAsync(null, 10, Cancel)).Count);
        Assert.Equal(new InboundRejection("email", null, "bad token", T0.AddMinutes(1)), (await store.ListRejectionsAsync("email", 10, Cancel))[0]);
    }

    [Fact]
    public async Task FlagSenderAsync_ThenResolve_ListsItOpenThenResolvedOnce()
    {
        var store = await OpenAsync();
        var flag = new SenderFlag("sms", "SM9", ["ada", "twin"], "+442079460000", """{"text":"hi"}""", T0);
        await store.FlagSenderAsync(flag, Cancel);
        await store.FlagSenderAsync(flag with { Candidates = ["x"] }, Cancel);

        var open = await store.ListFlagsAsync(openOnly: true, 10, Cancel);
        var resolved = await store.ResolveFlagAsync("sms", "SM9", "twin", "api-key:1", T0.AddHours(1), Cancel);
        var again = await store.ResolveFlagAsync("sms", "SM9", "ada", "api-key:1", T0.AddHours(2), Cancel);

        var listed = Assert.Single(open);
        Assert.Equal(flag with { Candidates = [] }, listed with { Candidates = [] });
        Assert.Equal(["ada", "twin"], listed.Candidates);
        Assert.True(resolved);
        Assert.False(again);
        Assert.Empty(await store.ListFlagsAsync(openOnly: true, 10, Cancel));
        var found = await store.FindFlagAsync("sms", "SM9", Cancel);
        Assert.Equal(("twin", "api-key:1", T0.AddHours(1)), (found?.ResolvedTo, found?.ResolvedBy, found?.ResolvedAt));
    }
}
