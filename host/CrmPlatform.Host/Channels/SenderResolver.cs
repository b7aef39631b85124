using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Sdk.Channels;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// Finds the customer an inbound sender is: by its identity on the channel, then by email, then by
/// phone (normalised to E.164 with the configured default region), each through the read model or
/// the channel store. The first step that matches decides; more than one match is ambiguous.
/// </summary>
public sealed class SenderResolver(IChannelStore store, ICustomerReadModel readModel, IOptions<CustomerOptions> customers)
{
    /// <summary>Resolves a sender of <paramref name="channel"/>.</summary>
    public async Task<SenderMatch> ResolveAsync(string channel, InboundSender sender, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var phone = E164.ToE164(sender.Phone, customers.Value.DefaultPhoneRegion);
        if (sender.ChannelIdentity is { Length: > 0 } identity && await store.FindIdentityAsync(channel, identity, cancellationToken) is { } known)
        {
            return new SenderMatch([known], "identity", phone);
        }

        if (CustomerFields.IsEmail(sender.Email?.Trim()) && await readModel.FindByContactAsync(sender.Email!.Trim(), null, 10, cancellationToken) is { Count: > 0 } byEmail)
        {
            return new SenderMatch(byEmail, "email", phone);
        }

        if (phone is not null && await readModel.FindByContactAsync(null, phone, 10, cancellationToken) is { Count: > 0 } byPhone)
        {
            return new SenderMatch(byPhone, "phone", phone);
        }

        return new SenderMatch([], null, phone);
    }
}
