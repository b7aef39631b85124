using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>Builds event envelopes for storage and read-model tests.</summary>
public static class Events
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static EventEnvelope Envelope(string customerId, long sequence, ICustomerEvent e, DateTimeOffset? at = null, long position = 0, Guid? eventId = null) =>
        new(eventId ?? Guid.NewGuid(), customerId, sequence, position, at ?? T0, at ?? T0, "test", "corr-1", null, e);

    public static CustomerRegistered Person(string firstName, string lastName, params string[] emails) =>
        new(CustomerKind.Person, firstName, lastName, null, null, emails, [], new Dictionary<string, JsonElement>(), "test");

    public static CustomerRegistered Organisation(string name) =>
        new(CustomerKind.Organisation, null, null, name, null, [], [], new Dictionary<string, JsonElement>(), "test");

    public static TagsChanged Tag(string tag) => new([tag], []);

    public static LifecycleStageChanged Stage(LifecycleStage from, LifecycleStage to) => new(from, to, "test", null);

    /// <summary>A numbered event for tests that care only about the log's bookkeeping.</summary>
    public static InteractionRecorded Note(long n) => new($"i{n}", "email", InteractionDirection.Inbound, $"note {n}", null);
}
