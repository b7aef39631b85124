using CrmPlatform.Host.Security;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Security;

/// <summary>
/// What every <see cref="ApiKeyStore"/> must do, whatever keeps the keys: each backend's test class
/// derives from this one and says how to open its store.
/// </summary>
public abstract class ApiKeyStoreContractTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens the store under test, empty the first time; a later call opens the same keys again, as another silo or after a restart.</summary>
    protected abstract Task<ApiKeyStore> OpenAsync(TimeProvider time);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CreateOnceAsync_SameCallerAndKey_MakesOneKey_AnotherRequestIsNotTheSame()
    {
        var store = await OpenAsync(_time);

        var first = await store.CreateOnceAsync("ci", ApiKeyRole.Reader, "caller-1", "retry-1", Cancel);
        var again = await (await OpenAsync(_time)).CreateOnceAsync("ci", ApiKeyRole.Reader, "caller-1", "retry-1", Cancel);
        var changed = await store.CreateOnceAsync("ci", ApiKeyRole.Admin, "caller-1", "retry-1", Cancel);
        var otherCaller = await store.CreateOnceAsync("ci", ApiKeyRole.Reader, "caller-2", "retry-1", Cancel);

        Assert.NotNull(first.Created);
        Assert.Equal((null, first.Created.Info, true), (again.Created, again.Earlier, again.SameRequest));
        Assert.Equal((null, first.Created.Info.Id, false), (changed.Created, changed.Earlier?.Id, changed.SameRequest));
        Assert.NotEqual(first.Created.Info.Id, otherCaller.Created?.Info.Id);
        Assert.Equal(2, (await store.ListAsync(Cancel)).Count);
        Assert.Equal(first.Created.Info, await store.AuthenticateAsync(first.Created.Key, Cancel));
    }

    [Fact]
    public async Task AuthenticateAsync_CreatedKey_ReturnsItsInfo()
    {
        var store = await OpenAsync(_time);
        _time.Advance(TimeSpan.FromTicks(1_234_560));

        var created = await store.CreateAsync("ci pipeline", ApiKeyRole.Agent, Cancel);

        Assert.Matches("^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", created.Key);
        Assert.Equal(new ApiKeyInfo(created.Info.Id, "ci pipeline", ApiKeyRole.Agent, _time.GetUtcNow(), null), created.Info);
        Assert.Equal(created.Info, await store.AuthenticateAsync(created.Key, Cancel));
        Assert.Equal(created.Info, await (await OpenAsync(_time)).AuthenticateAsync(created.Key, Cancel));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongSecretOrUnknownId_ReturnsNull()
    {
        var store = await OpenAsync(_time);
        var created = await store.CreateAsync("reader", ApiKeyRole.Reader, Cancel);
        var id = created.Info.Id;

        Assert.Null(await store.AuthenticateAsync($"crm_{id}_{new string('A', 43)}", Cancel));
        Assert.Null(await store.AuthenticateAsync(created.Key[..^1] + (created.Key[^1] == 'A' ? 'B' : 'A'), Cancel));
        var secret = created.Key.Split('_', 3)[2];
        Assert.Null(await store.AuthenticateAsync($"crm_{(id[0] == '0' ? '1' : '0')}{id[1..]}_{secret}", Cancel));
        Assert.Null(await store.AuthenticateAsync($"crm_{id[..^1]}_{secret}", Cancel));
        Assert.Equal(created.Info, await store.AuthenticateAsync(created.Key, Cancel));
    }

    [Theory]
    [InlineData("")]
    [InlineData("crm")]
    [InlineData("crm_")]
    [InlineData("crm_0123456789ab_")]
    [InlineData("crm_0123456789a_secret")]
    [InlineData("xyz_0123456789ab_secret")]
    [InlineData("Bearer crm_0123456789ab_secret")]
    [InlineData("crm_\0\0\0\0\0\0\0\0\0\0\0\0_secret")]
    [InlineData("crm_'; DROP TAB_secret")]
    public async Task AuthenticateAsync_Malformed_ReturnsNull(string presented)
    {
        var store = await OpenAsync(_time);
        await store.CreateAsync("admin", ApiKeyRole.Admin, Cancel);

        Assert.Null(await store.AuthenticateAsync(presented, Cancel));
    }

    [Fact]
    public async Task RevokeAsync_ActiveKey_RefusesItFromThenOnAndOnlyOnce()
    {
        var store = await OpenAsync(_time);
        var created = await store.CreateAsync("leaked", ApiKeyRole.Admin, Cancel);
        Assert.NotNull(await store.AuthenticateAsync(created.Key, Cancel));
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(await store.RevokeAsync(created.Info.Id, Cancel));

        Assert.Null(await store.AuthenticateAsync(created.Key, Cancel));
        Assert.Null(await (await OpenAsync(_time)).AuthenticateAsync(created.Key, Cancel));
        Assert.False(await store.RevokeAsync(created.Info.Id, Cancel));
        Assert.Equal(_time.GetUtcNow(), Assert.Single(await store.ListAsync(Cancel)).RevokedAt);
    }

    [Theory]
    [InlineData("0123456789ab")]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("' OR 1=1 --")]
    public async Task RevokeAsync_NoSuchKey_ReturnsFalse(string id)
    {
        var store = await OpenAsync(_time);
        await store.CreateAsync("admin", ApiKeyRole.Admin, Cancel);

        Assert.False(await store.RevokeAsync(id, Cancel));
        Assert.True(await store.AnyActiveAsync(Cancel));
    }

    [Fact]
    public async Task ListAsync_SeveralKeys_NewestFirstWithRevokedOnes()
    {
        var store = await OpenAsync(_time);
        var names = new[] { "first", "second", "third" };
        var created = new List<CreatedApiKey>();
        foreach (var name in names)
        {
            created.Add(await store.CreateAsync(name, ApiKeyRole.Reader, Cancel));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await store.RevokeAsync(created[1].Info.Id, Cancel);

        var listed = await (await OpenAsync(_time)).ListAsync(Cancel);
        Assert.Equal(["third", "second", "first"], listed.Select(k => k.Name));
        Assert.Equal([created[2].Info, created[1].Info with { RevokedAt = _time.GetUtcNow() }, created[0].Info], listed);
    }

    [Fact]
    public async Task AnyActiveAsync_NoneThenOneThenRevoked_FollowsTheKeys()
    {
        var store = await OpenAsync(_time);
        Assert.False(await store.AnyActiveAsync(Cancel));
        Assert.Empty(await store.ListAsync(Cancel));

        var created = await store.CreateAsync("admin", ApiKeyRole.Admin, Cancel);
        Assert.True(await store.AnyActiveAsync(Cancel));

        await store.RevokeAsync(created.Info.Id, Cancel);
        Assert.False(await store.AnyActiveAsync(Cancel));
    }

    [Fact]
    public async Task CreateFirstAsync_ManyAtOnceFromSeveralStores_MakesExactlyOneKey()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(_time)));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => stores[i % stores.Length].CreateFirstAsync($"first-{i}", ApiKeyRole.Admin, Cancel))));

        var made = Assert.Single(attempts, a => a is not null);
        Assert.Equal([made!.Info], await stores[0].ListAsync(Cancel));
        Assert.Equal(made.Info, await stores[3].AuthenticateAsync(made.Key, Cancel));
    }

    [Fact]
    public async Task CreateFirstAsync_AfterTheOnlyKeyIsRevoked_MakesANewOne()
    {
        var store = await OpenAsync(_time);
        var first = await store.CreateFirstAsync("first", ApiKeyRole.Admin, Cancel);
        Assert.Null(await store.CreateFirstAsync("second", ApiKeyRole.Admin, Cancel));

        await store.RevokeAsync(first!.Info.Id, Cancel);

        Assert.NotNull(await store.CreateFirstAsync("third", ApiKeyRole.Admin, Cancel));
    }

    [Fact]
    public async Task RevokeKeepingAnAdminAsync_LastActiveAdmin_IsRefusedAndStaysActive()
    {
        var store = await OpenAsync(_time);
        var admin = await store.CreateAsync("admin", ApiKeyRole.Admin, Cancel);
        var agent = await store.CreateAsync("agent", ApiKeyRole.Agent, Cancel);

        Assert.Equal(ApiKeyRevocation.LastAdmin, await store.RevokeKeepingAnAdminAsync(admin.Info.Id, Cancel));
        Assert.Equal(admin.Info, await store.AuthenticateAsync(admin.Key, Cancel));
        Assert.Equal(ApiKeyRevocation.Revoked, await store.RevokeKeepingAnAdminAsync(agent.Info.Id, Cancel));
        Assert.Equal(ApiKeyRevocation.NotFound, await store.RevokeKeepingAnAdminAsync(agent.Info.Id, Cancel));
        Assert.Equal(ApiKeyRevocation.NotFound, await store.RevokeKeepingAnAdminAsync("0123456789ab", Cancel));
    }

    [Fact]
    public async Task RevokeKeepingAnAdminAsync_TwoAdminsRevokedAtOnceFromSeveralStores_KeepsExactlyOne()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(_time)));
        var first = await stores[0].CreateAsync("first admin", ApiKeyRole.Admin, Cancel);
        var second = await stores[0].CreateAsync("second admin", ApiKeyRole.Admin, Cancel);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => stores[i % stores.Length].RevokeKeepingAnAdminAsync((i % 2 == 0 ? first : second).Info.Id, Cancel))));

        Assert.Single(outcomes, o => o == ApiKeyRevocation.Revoked);
        Assert.Single(await stores[0].ListAsync(Cancel), k => k.RevokedAt is null);
    }
}
