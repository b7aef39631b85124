using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// The idempotency keys a customer grain has handled, with the sequences each command wrote. Built
/// from the stream; after a restore from a snapshot that kept only the most recent keys it is
/// incomplete up to the snapshot's version until <see cref="AddOlderAsync"/> fills in the rest from the log.
/// </summary>
internal sealed class HandledIdempotencyKeys
{
    private readonly Dictionary<string, (long First, long Last)> _keys = new(StringComparer.Ordinal);

    // The log does not hold what a key was bound to: only keys handled by this activation, or kept
    // by a snapshot, have a fingerprint. A key without one is treated as matching any request.
    private readonly Dictionary<string, string> _fingerprints = new(StringComparer.Ordinal);

    /// <summary>
    /// Null when every key of the stream is known; otherwise the version of the snapshot whose
    /// older keys were left out (keys of events after it are always known).
    /// </summary>
    public long? IncompleteUpTo { get; private set; }

    /// <summary>Remembers the key of an applied event.</summary>
    public void Record(EventEnvelope envelope)
    {
        if (envelope.IdempotencyKey is { } key)
        {
            _keys[key] = _keys.TryGetValue(key, out var range) ? (range.First, envelope.Sequence) : (envelope.Sequence, envelope.Sequence);
        }
    }

    /// <summary>The sequences the command with this key wrote, if it is known.</summary>
    public bool TryGet(string key, out (long First, long Last) range) => _keys.TryGetValue(key, out range);

    /// <summary>Remembers what the command written with this key was bound to.</summary>
    public void Bind(string key, string fingerprint) => _fingerprints[key] = fingerprint;

    /// <summary>The fingerprint the key was bound to, or null when it is not known.</summary>
    public string? FingerprintOf(string key) => _fingerprints.GetValueOrDefault(key);

    /// <summary>Starts from a snapshot's keys.</summary>
    public void Restore(CustomerStateSnapshot snapshot)
    {
        _keys.Clear();
        _fingerprints.Clear();
        foreach (var handled in snapshot.IdempotencyKeys)
        {
            _keys[handled.Key] = (handled.First, handled.Last);
            if (handled.Fingerprint is { } fingerprint)
            {
                _fingerprints[handled.Key] = fingerprint;
            }
        }

        IncompleteUpTo = snapshot.IdempotencyKeysComplete ? null : snapshot.Version;
    }

    /// <summary>
    /// Adds the keys of the events up to <see cref="IncompleteUpTo"/>, read from the log (the stream
    /// from its start, in order), and marks the keys complete.
    /// </summary>
    public async Task AddOlderAsync(IAsyncEnumerable<EventEnvelope> stream, CancellationToken cancellationToken = default)
    {
        if (IncompleteUpTo is not { } upTo)
        {
            return;
        }

        var older = new HandledIdempotencyKeys();
        await foreach (var envelope in stream.WithCancellation(cancellationToken))
        {
            if (envelope.Sequence > upTo)
            {
                break;
            }

            older.Record(envelope);
        }

        foreach (var (key, range) in older._keys)
        {
            _keys.TryAdd(key, range);
        }

        IncompleteUpTo = null;
    }

    /// <summary>The keys for a snapshot: at most <paramref name="max"/>, the most recent ones, oldest first.</summary>
    public (IReadOnlyList<HandledIdempotencyKey> Keys, bool Complete) ForSnapshot(int max)
    {
        var recent = _keys
            .OrderByDescending(p => p.Value.Last)
            .Take(max)
            .Select(p => new HandledIdempotencyKey(p.Key, p.Value.First, p.Value.Last, _fingerprints.GetValueOrDefault(p.Key)))
            .Reverse()
            .ToArray();
        return (recent, IncompleteUpTo is null && recent.Length == _keys.Count);
    }
}
