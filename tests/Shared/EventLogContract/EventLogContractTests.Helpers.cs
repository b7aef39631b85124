using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Tests.EventLogContract;

/// <summary>The suite's helpers: opening logs, envelopes of a customer's own stream and of test aggregates' streams, reads and asserts.</summary>
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

    /// <summary>Opens (creating on first use) this test's log.</summary>
    protected abstract Task<IEventLog> CreateAsync(int partitionCount);

    protected async Task<IEventLog> OpenAsync(int partitionCount = 16)
    {
        var log = await CreateAsync(partitionCount);
        _opened.Add(log);
        return log;
    }

    /// <summary>Closes a log (a durable one; see <see cref="DurableEventLogContractTests"/>).</summary>
    protected async Task CloseAsync(IEventLog log)
    {
        _opened.Remove(log);
        await ((IAsyncDisposable)log).DisposeAsync();
    }

    protected static async Task<List<EventEnvelope>> ReadStreamAsync(IEventLog log, string customerId, long from = 1)
    {
        var events = new List<EventEnvelope>();
        await foreach (var e in log.ReadStreamAsync(customerId, from, Cancel))
        {
            events.Add(e);
        }

        return events;
    }

    protected static void AssertOrdered(IReadOnlyList<EventEnvelope> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            Assert.True(events[i].Position > events[i - 1].Position, $"Position {events[i].Position} follows {events[i - 1].Position}.");
        }

        foreach (var stream in events.GroupBy(e => (e.StreamKind, e.StreamId)))
        {
            var sequences = stream.Select(e => e.Sequence).ToArray();
            Assert.Equal(sequences.Order(), sequences);
        }
    }

    protected static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
