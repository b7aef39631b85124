using CrmPlatform.Host.Console.People;
using CrmPlatform.Host.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Console;

/// <summary>
/// What the people store must do for ASP.NET Core Identity, whatever database keeps it: each
/// backend's class derives from this one and says how to open its store.
/// </summary>
public abstract class ConsolePersonStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens the database under test, migrated for the people store, empty the first time; a later call opens the same people again, as another silo or after a restart.</summary>
    protected abstract Task<SqlDatabase> OpenDatabaseAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task CreateAsync_ThenFind_ReturnsEveryFieldFromAnotherStore()
    {
        var store = await OpenAsync();
        var person = Person("grace@example.com", ConsoleRole.Manager);
        person.LockoutEnd = Start.AddMinutes(5).AddTicks(1230);
        person.AccessFailedCount = 2;

        var created = await store.CreateAsync(person, Cancel);
        var reopened = await OpenAsync();
        var byName = await reopened.FindByNameAsync("GRACE@EXAMPLE.COM", Cancel);
        var byId = await reopened.FindByIdAsync(person.Id, Cancel);

        Assert.True(created.Succeeded);
        Assert.NotNull(byName);
        Assert.Equivalent(person, byName, strict: true);
        Assert.Equivalent(person, byId, strict: true);
        Assert.Null(await reopened.FindByNameAsync("NOBODY@EXAMPLE.COM", Cancel));
        Assert.Null(await reopened.FindByIdAsync("no\0body", Cancel));
    }

    [Fact]
    public async Task CreateAsync_SameNormalizedName_FailsAsDuplicate()
    {
        var store = await OpenAsync();
        Assert.True((await store.CreateAsync(Person("ada@example.com", ConsoleRole.Agent), Cancel)).Succeeded);

        var second = await store.CreateAsync(Person("ada@example.com", ConsoleRole.Reader), Cancel);

        Assert.False(second.Succeeded);
        Assert.Equal("DuplicateUserName", Assert.Single(second.Errors).Code);
        Assert.Single(await store.ListAsync(Cancel));
    }

    [Fact]
    public async Task UpdateAsync_FromAStaleCopy_FailsAndKeepsTheNewerSave()
    {
        var store = await OpenAsync();
        var person = Person("ada@example.com", ConsoleRole.Agent);
        await store.CreateAsync(person, Cancel);
        var first = (await store.FindByIdAsync(person.Id, Cancel))!;
        var stale = (await store.FindByIdAsync(person.Id, Cancel))!;

        first.Role = ConsoleRole.Admin;
        var saved = await store.UpdateAsync(first, Cancel);
        stale.DisplayName = "Someone else";
        var refused = await store.UpdateAsync(stale, Cancel);

        Assert.True(saved.Succeeded);
        Assert.Equal("ConcurrencyFailure", Assert.Single(refused.Errors).Code);
        var stored = (await (await OpenAsync()).FindByIdAsync(person.Id, Cancel))!;
        Assert.Equal(ConsoleRole.Admin, stored.Role);
        Assert.Equal("Ada", stored.DisplayName);
        Assert.Equal(first.ConcurrencyStamp, stored.ConcurrencyStamp);
    }

    [Fact]
    public async Task CreateFirstAsync_ManyAtOnce_CreatesExactlyOneAndThenNoMore()
    {
        var store = await OpenAsync();
        Assert.False(await store.AnyAsync(Cancel));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
            await (await OpenAsync()).CreateFirstAsync(Person($"admin{i}@example.com", ConsoleRole.Admin), Cancel)));
        var later = await store.CreateFirstAsync(Person("late@example.com", ConsoleRole.Admin), Cancel);

        Assert.Equal(1, attempts.Count(a => a));
        Assert.False(later);
        Assert.True(await store.AnyAsync(Cancel));
        Assert.Single(await store.ListAsync(Cancel));
    }

    [Fact]
    public async Task DeleteAsync_Person_IsGone()
    {
        var store = await OpenAsync();
        var person = Person("ada@example.com", ConsoleRole.Reader);
        await store.CreateAsync(person, Cancel);

        var deleted = await store.DeleteAsync((await store.FindByIdAsync(person.Id, Cancel))!, Cancel);

        Assert.True(deleted.Succeeded);
        Assert.Null(await store.FindByIdAsync(person.Id, Cancel));
    }

    [Fact]
    public async Task UserManager_WrongPasswordFiveTimes_LocksOutAndTheLockoutIsStored()
    {
        var time = new FakeTimeProvider(Start);
        var store = await OpenAsync();
        using var users = UserManagerOver(store, time);
        var person = new ConsolePerson { UserName = "ada@example.com", DisplayName = "Ada", Role = ConsoleRole.Agent, CreatedAt = Start };
        Assert.True((await users.CreateAsync(person, "a long enough passphrase")).Succeeded);

        for (var i = 0; i < 5; i++)
        {
            var current = (await users.FindByNameAsync("ada@example.com"))!;
            Assert.False(await users.CheckPasswordAsync(current, "wrong password here"));
            await users.AccessFailedAsync(current);
        }

        var stored = (await (await OpenAsync()).FindByNameAsync("ADA@EXAMPLE.COM", Cancel))!;
        Assert.True(await users.IsLockedOutAsync(stored));
        Assert.NotNull(stored.LockoutEnd);
        Assert.True(stored.LockoutEnd > Start);
        Assert.StartsWith("AQAAAA", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(await users.CheckPasswordAsync(stored, "a long enough passphrase"));
    }

    private async Task<ConsolePersonStore> OpenAsync() => new(await OpenDatabaseAsync());

    private static UserManager<ConsolePerson> UserManagerOver(ConsolePersonStore store, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<IUserStore<ConsolePerson>>(store);
        services.AddIdentityCore<ConsolePerson>(o =>
        {
            o.Lockout.MaxFailedAccessAttempts = 5;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireDigit = false;
        });
        return services.BuildServiceProvider().GetRequiredService<UserManager<ConsolePerson>>();
    }

    private static ConsolePerson Person(string userName, ConsoleRole role) => new()
    {
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        DisplayName = "Ada",
        Role = role,
        PasswordHash = "AQAAAAIAAYagAAAAEhash",
        CreatedAt = Start,
    };
}
