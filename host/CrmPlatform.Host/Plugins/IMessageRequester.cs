using CrmPlatform.Grains.Abstractions.Commands;

namespace CrmPlatform.Host.Plugins;

/// <summary>Where a plugin's request for a message goes; the channels module provides it.</summary>
public interface IMessageRequester
{
    /// <summary>Asks the customer's grain for the message, with what the platform knows of the channel.</summary>
    Task<CommandResult> RequestAsync(
        string customerId,
        string messageId,
        string? channel,
        string? text,
        string? templateName,
        IReadOnlyDictionary<string, string>? variables,
        CommandContext context);
}
