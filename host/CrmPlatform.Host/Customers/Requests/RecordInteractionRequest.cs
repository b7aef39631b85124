using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Customers.Requests;

/// <summary>Records a conversation on a channel.</summary>
public sealed record RecordInteractionRequest(string? InteractionId, string? Channel, InteractionDirection? Direction, string? Subject, string? Summary, DateTimeOffset? OccurredAt)
{
    /// <summary>The command, or null with the missing fields in <paramref name="errors"/>.</summary>
    public CustomerCommand? ToCommand(FieldErrors errors) => errors.Required("direction", Direction) is { } direction ? new RecordInteraction(InteractionId, Channel, direction, Subject, Summary, OccurredAt) : null;
}
