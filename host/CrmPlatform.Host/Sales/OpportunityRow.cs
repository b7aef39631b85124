using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Host.Sales;

/// <summary>One opportunity as the <c>opportunities</c> table holds it: the fold of its stream, for lists and the forecast.</summary>
internal sealed record OpportunityRow(
    string Id,
    string CustomerId,
    string Name,
    decimal Amount,
    string Currency,
    DateOnly ExpectedCloseDate,
    string Owner,
    OpportunityStage Stage,
    int Probability,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>
    /// Folds one event of an opportunity's stream into its row (null before the stream's first
    /// event). Events the row has already seen are ignored, so a batch applied twice changes nothing.
    /// </summary>
    public static OpportunityRow? Apply(OpportunityRow? row, EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (row is not null && envelope.Sequence <= row.Version)
        {
            return row;
        }

        var at = envelope.OccurredAt;
        var next = (envelope.Event, row) switch
        {
            (OpportunityOpened e, _) => new OpportunityRow(
                envelope.StreamId, envelope.CustomerId, e.Name, e.Amount, e.Currency, e.ExpectedCloseDate, e.Owner, e.Stage, e.Probability, at, 0),
            (_, null) => throw new InvalidOperationException($"Opportunity '{envelope.StreamId}' has {envelope.Type} before it was opened."),
            (OpportunityStageMoved e, _) => row with { Stage = e.To, Probability = e.Probability },
            (OpportunityTermsChanged e, _) => row with { Amount = e.Amount, Currency = e.Currency, ExpectedCloseDate = e.ExpectedCloseDate },
            (OpportunityWon e, _) => row with { Stage = OpportunityStage.Won, Probability = 100, Amount = e.Amount, Currency = e.Currency },
            (OpportunityLost, _) => row with { Stage = OpportunityStage.Lost, Probability = 0 },
            (OpportunityReopened e, _) => row with { Stage = e.Stage, Probability = e.Probability },

            // A newer event type this version does not show: the row keeps its figures.
            _ => row,
        };
        return next with { UpdatedAt = at, Version = envelope.Sequence };
    }
}
