using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// Everything a <see cref="CustomerState"/> holds, plus the idempotency keys its grain has handled,
/// as plain data for a snapshot (see <see cref="CustomerState.ToSnapshot"/>). Collections keep the
/// state's own order. Changing this type means raising
/// <see cref="Snapshots.CustomerSnapshotJson.SchemaVersion"/>.
/// </summary>
public sealed record CustomerStateSnapshot
{
    /// <summary>Sequence of the last event applied.</summary>
    public required long Version { get; init; }

    /// <summary>Person or organisation.</summary>
    public CustomerKind Kind { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Organisation name.</summary>
    public string? OrganisationName { get; init; }

    /// <summary>Company of a person.</summary>
    public string? Company { get; init; }

    /// <summary>Email addresses, primary first.</summary>
    public IReadOnlyList<string> Emails { get; init; } = [];

    /// <summary>Phone numbers, primary first.</summary>
    public IReadOnlyList<string> Phones { get; init; } = [];

    /// <summary>Custom attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The lifecycle stage.</summary>
    public LifecycleStage Stage { get; init; }

    /// <summary>When the customer entered its current stage.</summary>
    public DateTimeOffset StageEnteredAt { get; init; }

    /// <summary>Every stage change, oldest first.</summary>
    public IReadOnlyList<StageChange> StageHistory { get; init; } = [];

    /// <summary>Every order ever placed, cancelled ones included.</summary>
    public IReadOnlyList<PlacedOrder> Orders { get; init; } = [];

    /// <summary>Revenue per currency, zero amounts included.</summary>
    public IReadOnlyDictionary<string, decimal> Revenue { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Orders not cancelled.</summary>
    public int OrderCount { get; init; }

    /// <summary>When the first order was placed.</summary>
    public DateTimeOffset? FirstOrderAt { get; init; }

    /// <summary>When the last order was placed.</summary>
    public DateTimeOffset? LastOrderAt { get; init; }

    /// <summary>Cases not yet resolved.</summary>
    public IReadOnlyList<OpenCaseView> OpenCases { get; init; } = [];

    /// <summary>Ids of resolved cases.</summary>
    public IReadOnlyList<string> ResolvedCases { get; init; } = [];

    /// <summary>Cases ever opened, per kind.</summary>
    public IReadOnlyDictionary<CaseKind, int> CaseCounts { get; init; } = new Dictionary<CaseKind, int>();

    /// <summary>Consent per channel.</summary>
    public IReadOnlyDictionary<string, ConsentView> Consent { get; init; } = new Dictionary<string, ConsentView>();

    /// <summary>Tags, in order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Insights by name.</summary>
    public IReadOnlyDictionary<string, InsightView> Insights { get; init; } = new Dictionary<string, InsightView>();

    /// <summary>Ids of recorded interactions.</summary>
    public IReadOnlyList<string> InteractionIds { get; init; } = [];

    /// <summary>Interactions recorded.</summary>
    public int InteractionCount { get; init; }

    /// <summary>When the last interaction happened.</summary>
    public DateTimeOffset? LastInteractionAt { get; init; }

    /// <summary>When the customer was registered.</summary>
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the customer last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The grain's handled idempotency keys — the most recent ones when not <see cref="IdempotencyKeysComplete"/>.</summary>
    public IReadOnlyList<HandledIdempotencyKey> IdempotencyKeys { get; init; } = [];

    /// <summary>False when older keys were left out; they can then be found only in the log.</summary>
    public bool IdempotencyKeysComplete { get; init; } = true;

    /// <summary>The message part of the state; null in snapshots taken before messages existed.</summary>
    public Messages.MessagesSnapshot? Messages { get; init; }
}
