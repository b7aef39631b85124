using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>Builds one customer's stream of envelopes for unit tests, numbered 1, 2, 3…</summary>
internal sealed class EventStream(string customerId = "c-1")
{
    private readonly List<EventEnvelope> _envelopes = [];

    // Event ids are unique in the whole log: the customer id makes them differ between streams,
    // and stay the same when a test builds the same stream twice.
    private readonly byte[] _idSuffix = SHA256.HashData(Encoding.UTF8.GetBytes(customerId))[..8];

    public string CustomerId => customerId;

    public IReadOnlyList<EventEnvelope> Envelopes => _envelopes;

    public EventStream Add(DateTimeOffset at, ICustomerEvent e, string actor = TestCommands.Actor, string? idempotencyKey = null)
    {
        var sequence = _envelopes.Count + 1;
        _envelopes.Add(new EventEnvelope(
            new Guid(sequence, 0, 0, _idSuffix), customerId, sequence, sequence, at, at, actor, "corr", idempotencyKey, e));
        return this;
    }

    public CustomerState ToState()
    {
        var state = new CustomerState();
        foreach (var envelope in _envelopes)
        {
            state.Apply(envelope);
        }

        return state;
    }
}
