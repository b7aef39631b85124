using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Sales;

/// <summary>An opportunity as the fold of its stream. Only <see cref="Apply"/> changes it.</summary>
public sealed class OpportunityState
{
    /// <summary>True once the opportunity has been opened.</summary>
    public bool Exists { get; private set; }

    /// <summary>The account (customer) that owns the opportunity's stream.</summary>
    public string CustomerId { get; private set; } = string.Empty;

    /// <summary>The deal's name.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The expected deal value.</summary>
    public decimal Amount { get; private set; }

    /// <summary>The currency of <see cref="Amount"/>.</summary>
    public string Currency { get; private set; } = string.Empty;

    /// <summary>When the deal is expected to close.</summary>
    public DateOnly ExpectedCloseDate { get; private set; }

    /// <summary>Who works the deal.</summary>
    public string Owner { get; private set; } = string.Empty;

    /// <summary>The current stage.</summary>
    public OpportunityStage Stage { get; private set; }

    /// <summary>The chance of winning, in percent.</summary>
    public int Probability { get; private set; }

    /// <summary>The open stage a lost opportunity was lost from; reopening returns there.</summary>
    public OpportunityStage LostFrom { get; private set; }

    /// <summary>Why it was lost, while it is lost.</summary>
    public string? LostReason { get; private set; }

    /// <summary>When it was opened.</summary>
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When it was won or lost, while it is closed.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The sequence of the last event applied.</summary>
    public long Version { get; private set; }

    /// <summary>True while the opportunity is in an open stage.</summary>
    public bool IsOpen => Exists && OpportunityPipeline.IsOpen(Stage);

    /// <summary>Folds one event of the stream into the state.</summary>
    public void Apply(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        switch (envelope.Event)
        {
            case OpportunityOpened e:
                Exists = true;
                CustomerId = envelope.CustomerId;
                (Name, Amount, Currency, ExpectedCloseDate, Owner, Stage, Probability) =
                    (e.Name, e.Amount, e.Currency, e.ExpectedCloseDate, e.Owner, e.Stage, e.Probability);
                OpenedAt = envelope.OccurredAt;
                break;
            case OpportunityStageMoved e:
                (Stage, Probability) = (e.To, e.Probability);
                break;
            case OpportunityTermsChanged e:
                (Amount, Currency, ExpectedCloseDate) = (e.Amount, e.Currency, e.ExpectedCloseDate);
                break;
            case OpportunityWon e:
                (Stage, Probability, Amount, Currency, ClosedAt) = (OpportunityStage.Won, 100, e.Amount, e.Currency, envelope.OccurredAt);
                break;
            case OpportunityLost e:
                (Stage, Probability, LostFrom, LostReason, ClosedAt) = (OpportunityStage.Lost, 0, e.From, e.Reason, envelope.OccurredAt);
                break;
            case OpportunityReopened e:
                (Stage, Probability, LostReason, ClosedAt) = (e.Stage, e.Probability, null, null);
                break;
            default:
                // An event of a newer schema this version does not know: the stream is still in order.
                break;
        }

        Version = envelope.Sequence;
    }

    /// <summary>The state as the API shows it.</summary>
    public OpportunityView ToView(string id) =>
        new(id, CustomerId, Name, Amount, Currency, ExpectedCloseDate, Owner, Stage, Probability, LostReason, OpenedAt, ClosedAt, Version);
}
