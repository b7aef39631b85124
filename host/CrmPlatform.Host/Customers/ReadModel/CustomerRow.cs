using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>A row of the <c>customers</c> table while the projector applies events to it.</summary>
internal sealed class CustomerRow(string id)
{
    /// <summary>The name of the insight whose label is the customer's value tier.</summary>
    public const string TierInsight = "value-tier";

    public string Id { get; } = id;

    public CustomerKind Kind { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? OrganisationName { get; set; }

    public string? Company { get; set; }

    public string? PrimaryEmail { get; set; }

    public string? PrimaryPhone { get; set; }

    public LifecycleStage Stage { get; set; }

    public DateTimeOffset StageChangedAt { get; set; }

    public string? Tier { get; set; }

    public decimal Revenue { get; set; }

    public int OrderCount { get; set; }

    public DateTimeOffset? LastOrderAt { get; set; }

    public DateTimeOffset? LastActivityAt { get; set; }

    public SortedSet<string> Tags { get; } = new(StringComparer.Ordinal);

    public string? Owner { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public long Version { get; set; }

    public string DisplayName => CustomerNames.Display(Kind, FirstName, LastName, OrganisationName);

    /// <summary>Lower-case text the free-text search looks in.</summary>
    public string SearchText => string.Join('\n', DisplayName, PrimaryEmail, PrimaryPhone, Company).ToLowerInvariant();

    /// <summary>Applies one event, unless the row has already seen it (at-least-once delivery).</summary>
    public void Apply(EventEnvelope envelope, string baseCurrency)
    {
        if (envelope.Sequence <= Version)
        {
            return;
        }

        var at = envelope.OccurredAt;
        switch (envelope.Event)
        {
            case CustomerRegistered e:
                (Kind, FirstName, LastName, OrganisationName, Company) = (e.Kind, e.FirstName, e.LastName, e.OrganisationName, e.Company);
                (PrimaryEmail, PrimaryPhone) = (First(e.Emails), First(e.Phones));
                (Stage, StageChangedAt, RegisteredAt) = (LifecycleStage.Prospect, at, at);
                break;
            case ProfileUpdated e:
                FirstName = e.FirstName ?? FirstName;
                LastName = e.LastName ?? LastName;
                OrganisationName = e.OrganisationName ?? OrganisationName;
                Company = e.Company ?? Company;
                PrimaryEmail = e.Emails is { } emails ? First(emails) : PrimaryEmail;
                PrimaryPhone = e.Phones is { } phones ? First(phones) : PrimaryPhone;
                break;
            case LifecycleStageChanged e:
                (Stage, StageChangedAt) = (e.To, at);
                break;
            case OrderPlaced e:
                OrderCount++;
                Revenue += e.Currency == baseCurrency ? e.Amount : 0m;
                LastOrderAt = LastOrderAt > at ? LastOrderAt : at;
                break;
            case OrderCancelled e:
                OrderCount--;
                Revenue -= e.Currency == baseCurrency ? e.Amount : 0m;
                break;
            case TagsChanged e:
                Tags.ExceptWith(e.Removed);
                Tags.UnionWith(e.Added);
                break;
            case OwnerAssigned e:
                Owner = e.Owner;
                break;
            case InsightUpdated { Name: TierInsight } e:
                Tier = e.Label;
                break;
        }

        if (envelope.Event is not InsightUpdated)
        {
            LastActivityAt = LastActivityAt > at ? LastActivityAt : at;
        }

        Version = envelope.Sequence;
    }

    /// <summary>The row as lists show it.</summary>
    public CustomerListItem ToListItem() => new(
        Id, Kind, DisplayName, PrimaryEmail, PrimaryPhone, Company, Stage, Tier,
        Revenue, OrderCount, LastOrderAt, LastActivityAt, [.. Tags], Owner, Version);

    private static string? First(IReadOnlyList<string> values) => values.Count > 0 ? values[0] : null;
}
