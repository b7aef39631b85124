using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Host.Plugins;

namespace CrmPlatform.Host.Channels;

/// <summary>
/// Asks a customer's grain for a message: looks the channel up among the running channel plugins
/// and passes what it found, so the grain can check everything against the customer's state
/// (consent, address, frequency caps, quiet hours) and the channel's limits in one decision.
/// </summary>
public sealed class MessageRequests(IGrainFactory grains, ChannelDirectory channels) : IMessageRequester
{
    /// <summary>Sends the request to the customer's grain.</summary>
    public Task<CommandResult> RequestAsync(
        string customerId,
        string messageId,
        string? channel,
        string? text,
        string? templateName,
        IReadOnlyDictionary<string, string>? variables,
        CommandContext context)
    {
        var descriptor = channel is null ? null : channels.Find(channel);
        return grains.GetGrain<ICustomerGrain>(customerId).ExecuteAsync(
            new RequestMessage(messageId, channel, text, templateName, variables, descriptor?.AddressKind, descriptor?.Capabilities.MaxLength),
            context);
    }

    /// <summary>A message id: derived from the caller and its idempotency key when there is one (a retry names the same message), random otherwise.</summary>
    public static string NewMessageId(string scope, string? idempotencyKey)
    {
        if (idempotencyKey is null)
        {
            return $"m-{Guid.CreateVersion7():N}";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{idempotencyKey}"));
        return $"m-{Convert.ToHexStringLower(hash)[..32]}";
    }
}
