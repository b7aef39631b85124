using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Plugins.Analytics.Features;

/// <summary>Applies a customer's events to its feature-store entry, once each (by sequence).</summary>
public static class FeatureUpdater
{
    /// <summary>Applies <paramref name="envelope"/>; false when it was applied before (a redelivery) and nothing changed.</summary>
    public static bool Apply(CustomerFeatureState state, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Sequence <= state.LastSequence)
        {
            return false;
        }

        state.LastSequence = envelope.Sequence;
        state.CustomerId = envelope.CustomerId;
        var at = envelope.OccurredAt;
        state.RegisteredAt ??= at;
        switch (envelope.Event)
        {
            case CustomerRegistered registered:
                state.RegisteredAt = at;
                ApplyAttributes(state, registered.Attributes);
                break;
            case ProfileUpdated updated when updated.Attributes is not null:
                ApplyAttributes(state, updated.Attributes);
                break;
            case OrderPlaced order:
                state.Orders++;
                state.Revenue += order.Amount;
                state.FirstOrderAt ??= at;
                state.LastOrderAt = state.LastOrderAt is { } last && last > at ? last : at;
                foreach (var line in order.Lines)
                {
                    if (!state.Products.Contains(line.Sku, StringComparer.Ordinal))
                    {
                        state.Products.Add(line.Sku);
                    }
                }

                break;
            case OrderCancelled cancelled:
                state.CancelledOrders++;
                state.Revenue -= cancelled.Amount;
                break;
            case InteractionRecorded interaction:
                state.InteractionsByChannel[interaction.Channel] = state.InteractionsByChannel.GetValueOrDefault(interaction.Channel) + 1;
                if (interaction.Direction == InteractionDirection.Inbound)
                {
                    state.InboundInteractions++;
                }
                else
                {
                    state.OutboundInteractions++;
                }

                state.LastContactAt = at;
                break;
            case CaseOpened opened:
                state.Cases++;
                state.Complaints += opened.Kind == CaseKind.Complaint ? 1 : 0;
                break;
            case CaseResolved resolved:
                state.ResolvedCases++;
                if (resolved.Satisfaction is { } satisfaction)
                {
                    state.SatisfactionSum += satisfaction;
                    state.SatisfactionCount++;
                }

                break;
            case LifecycleStageChanged stage:
                state.Stage = stage.To;
                state.Churned |= stage.To is LifecycleStage.Decline or LifecycleStage.Terminated;
                break;
        }

        return true;
    }

    private static void ApplyAttributes(CustomerFeatureState state, IReadOnlyDictionary<string, JsonElement> attributes)
    {
        foreach (var (name, value) in attributes)
        {
            state.NumericAttributes.Remove(name);
            state.CategoricalAttributes.Remove(name);
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    state.NumericAttributes[name] = value.GetDouble();
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    state.NumericAttributes[name] = value.GetBoolean() ? 1 : 0;
                    break;
                case JsonValueKind.String when value.GetString() is { Length: > 0 } text:
                    state.CategoricalAttributes[name] = text;
                    break;
            }
        }
    }
}
