using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Plugins.Crm;

/// <summary>Turns a customer grain's view into the SDK's snapshot: what plugins may know.</summary>
public static class CustomerSnapshots
{
    /// <summary>The snapshot of <paramref name="view"/>.</summary>
    public static CustomerSnapshot From(CustomerView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new CustomerSnapshot
        {
            Id = view.Id,
            Version = view.Version,
            Kind = view.Kind,
            DisplayName = view.DisplayName,
            Emails = view.Emails,
            Phones = view.Phones,
            Attributes = view.Attributes,
            Stage = view.Stage,
            OrderCount = view.OrderCount,
            Revenue = view.Revenue,
            LastOrderAt = view.LastOrderAt,
            Consent = view.Consent.ToDictionary(c => c.Key, c => c.Value.Status == ConsentStatus.Granted, StringComparer.Ordinal),
            Tags = view.Tags,
            Insights = view.Insights.ToDictionary(i => i.Key, i => new InsightValue(i.Value.Value, i.Value.Label, i.Value.Source, i.Value.At), StringComparer.Ordinal),
            RegisteredAt = view.RegisteredAt,
        };
    }
}
