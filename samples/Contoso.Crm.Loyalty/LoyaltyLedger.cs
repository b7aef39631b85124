using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;

namespace Contoso.Crm.Loyalty;

/// <summary>
/// Keeps each customer's balance in the plugin state and mirrors it onto the customer. Events of one
/// customer arrive in order, so the last applied sequence is enough to ignore a redelivery; the
/// writes are repeated on a redelivery, and the platform answers them as replays.
/// </summary>
internal sealed class LoyaltyLedger(IPluginState state, IPluginSettings<LoyaltySettings> settings)
{
    public const string PointsInsight = "loyalty-points";
    public const string GoldTag = "loyalty-gold";

    /// <summary>Applies <paramref name="change"/> points for the event in <paramref name="envelope"/>, once, and updates the customer.</summary>
    public async Task<long> ApplyAsync(EventEnvelope envelope, long change, ICrm crm, CancellationToken cancellationToken)
    {
        var key = $"account:{envelope.CustomerId}";
        var account = await state.GetAsync<LoyaltyAccount>(key, cancellationToken).ConfigureAwait(false) ?? LoyaltyAccount.Empty;
        if (envelope.Sequence > account.LastSequence)
        {
            var points = Math.Max(0, account.Points + change);
            account = account with { Points = points, LastSequence = envelope.Sequence, IsGold = account.IsGold && points >= settings.Current.GoldThreshold };
            await state.SetAsync(key, account, cancellationToken).ConfigureAwait(false);
        }

        await crm.SetInsightAsync(envelope.CustomerId, PointsInsight, account.Points, null, cancellationToken).ConfigureAwait(false);
        if (!account.IsGold && account.Points >= settings.Current.GoldThreshold)
        {
            await crm.AddTagsAsync(envelope.CustomerId, [GoldTag], cancellationToken).ConfigureAwait(false);
            await state.SetAsync(key, account with { IsGold = true }, cancellationToken).ConfigureAwait(false);
        }

        return account.Points;
    }

    /// <summary>Points earned by an order of <paramref name="amount"/>.</summary>
    public long PointsFor(decimal amount) => (long)Math.Floor(amount * settings.Current.PointsPerUnit);

    /// <summary>Remembers what an order earned, so a cancellation takes back exactly that.</summary>
    public Task RememberOrderAsync(string customerId, string orderId, long points, CancellationToken cancellationToken) =>
        state.SetAsync(OrderKey(customerId, orderId), points, cancellationToken);

    /// <summary>What an order earned, or null when it is unknown.</summary>
    public Task<long?> FindOrderAsync(string customerId, string orderId, CancellationToken cancellationToken) =>
        state.GetAsync<long?>(OrderKey(customerId, orderId), cancellationToken);

    private static string OrderKey(string customerId, string orderId) => $"order:{customerId}:{orderId}";
}
