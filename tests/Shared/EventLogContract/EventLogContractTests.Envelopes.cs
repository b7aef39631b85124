using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>The suite's envelopes: a customer's own, and those of a test aggregate's stream.</summary>
public abstract partial class EventLogContractTests
{
    /// <summary>A case-like test aggregate that belongs to a customer (the real case comes with the service module).</summary>
    protected const string CaseKind = "test-case";

    /// <summary>A campaign-like test aggregate that belongs to no customer.</summary>
    protected const string CampaignKind = "test-campaign";

    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected static EventEnvelope Envelope(string customerId, long sequence, ICustomerEvent e, DateTimeOffset? at = null, Guid? eventId = null) =>
        new(eventId ?? Guid.NewGuid(), customerId, sequence, 0, at ?? T0, at ?? T0, "test", "corr-1", null, e);

    /// <summary>An envelope of any stream: it carries the stream's kind, id and owner.</summary>
    protected static EventEnvelope Envelope(StreamKey stream, long sequence, ICustomerEvent e, Guid? eventId = null) =>
        new(eventId ?? Guid.NewGuid(), stream.CustomerId ?? string.Empty, sequence, 0, T0, T0, "test", "corr-1", null, e)
        {
            StreamKind = stream.Kind,
            StreamId = stream.Id,
        };

    protected static EventEnvelope[] Batch(string customerId, long expectedSequence, params ICustomerEvent[] events) =>
        events.Select((e, i) => Envelope(customerId, expectedSequence + 1 + i, e)).ToArray();

    protected static EventEnvelope[] Batch(StreamKey stream, long expectedSequence, params ICustomerEvent[] events) =>
        events.Select((e, i) => Envelope(stream, expectedSequence + 1 + i, e)).ToArray();

    protected static CustomerRegistered Person(string firstName, string lastName, params string[] emails) =>
        new(CustomerKind.Person, firstName, lastName, null, null, emails, [], new Dictionary<string, JsonElement>(), "test");

    protected static CustomerRegistered Organisation(string name) =>
        new(CustomerKind.Organisation, null, null, name, null, [], [], new Dictionary<string, JsonElement>(), "test");

    /// <summary>A numbered event for tests that care only about the log's bookkeeping.</summary>
    protected static InteractionRecorded Note(long n) => new($"i{n}", "email", InteractionDirection.Inbound, $"note {n}", null);

    protected static async Task<List<EventEnvelope>> ReadStreamAsync(IEventLog log, StreamKey stream, long from = 1)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in log.ReadStreamAsync(stream, from, Cancel))
        {
            events.Add(e);
        }

        return events;
    }
}
