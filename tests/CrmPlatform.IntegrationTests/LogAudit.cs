using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Host.Hosting;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// Checks the event log against what the client was told, and the platform's views against a
/// replay of the log; collects every problem found instead of stopping at the first.
/// </summary>
internal sealed class LogAudit(IReadOnlyList<LoggedEvent> events)
{
    private static readonly JsonSerializerOptions ApiJson = CreateApiJson();

    private readonly Dictionary<string, CustomerState> _replayed = new(StringComparer.Ordinal);

    /// <summary>What is wrong, one line each.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Events written without an idempotency key (automatic rules, not the client's commands).</summary>
    public int EventsWithoutKey => events.Count(e => e.IdempotencyKey is null);

    /// <summary>
    /// Each acknowledged command's events are in the log exactly once: as many as its answer said,
    /// contiguous, on its customer, written by one attempt — the one the answer came from unless it
    /// was a replay. No key in the log belongs to no command.
    /// </summary>
    public void CheckAcknowledgements(IReadOnlyList<Acknowledgement> acknowledgements)
    {
        var byKey = events.Where(e => e.IdempotencyKey is not null)
            .GroupBy(e => e.IdempotencyKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList(), StringComparer.Ordinal);
        foreach (var ack in acknowledgements)
        {
            var c = ack.Command;
            var logged = byKey.GetValueOrDefault(c.IdempotencyKey) ?? [];
            var what = $"command {c.IdempotencyKey} ({c.Kind} on {c.CustomerId})";
            if (!ack.IsAcknowledged)
            {
                Problems.Add($"{what} was refused with {ack.StatusCode} after {ack.Attempts} attempts: {ack.Refusal}");
                continue;
            }

            if (ack.Status != "accepted")
            {
                Problems.Add($"{what} was answered '{ack.Status}' (every planned command changes its customer)");
            }

            var expected = Enumerable.Range(0, (int)ack.EventCount).Select(i => ack.FirstSequence + i).ToArray();
            var actual = logged.Select(e => e.Sequence).ToArray();
            if (!actual.SequenceEqual(expected) || logged.Any(e => e.CustomerId != c.CustomerId))
            {
                Problems.Add($"{what}: answered sequences {ack.FirstSequence}..{ack.LastSequence}, the log holds " +
                    $"[{string.Join(", ", logged.Select(e => $"{e.CustomerId}#{e.Sequence}"))}]");
            }

            var attempts = logged.Select(e => e.CorrelationId).Distinct(StringComparer.Ordinal).ToArray();
            if (attempts.Length > 1)
            {
                Problems.Add($"{what} was written by {attempts.Length} attempts: {string.Join(", ", attempts)}");
            }
            else if (attempts.Length == 1 && !ack.Replayed && attempts[0] != $"{c.IdempotencyKey}.a{ack.Attempts}")
            {
                Problems.Add($"{what}: attempt {ack.Attempts} was answered as new, but the events came from {attempts[0]}");
            }
            else if (attempts.Length == 1 && ack.Replayed && attempts[0] == $"{c.IdempotencyKey}.a{ack.Attempts}")
            {
                Problems.Add($"{what}: attempt {ack.Attempts} was answered as a replay, but it wrote the events itself");
            }
        }

        var planned = acknowledgements.Select(a => a.Command.IdempotencyKey).ToHashSet(StringComparer.Ordinal);
        foreach (var stray in byKey.Keys.Where(k => !planned.Contains(k)))
        {
            Problems.Add($"The log holds events of key {stray}, which no command used");
        }

        var answered = acknowledgements.Where(a => a.IsAcknowledged).Sum(a => a.EventCount);
        var withKey = events.Count - EventsWithoutKey;
        if (answered != withKey)
        {
            Problems.Add($"The answers account for {answered} events, the log holds {withKey} with a key");
        }
    }

    /// <summary>Every customer's stream is numbered 1..N without gaps, and replays into a state.</summary>
    public void CheckStreamsAndReplay(IEnumerable<string> customerIds)
    {
        var streams = events.GroupBy(e => e.CustomerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var id in customerIds)
        {
            if (!streams.TryGetValue(id, out var stream))
            {
                Problems.Add($"Customer {id} has no events");
                continue;
            }

            var sequences = stream.Select(e => e.Sequence).ToArray();
            if (!sequences.SequenceEqual(Enumerable.Range(1, sequences.Length).Select(n => (long)n)))
            {
                Problems.Add($"Customer {id}: sequences are not 1..{sequences.Length} without gaps: {Describe(sequences)}");
                continue;
            }

            try
            {
                var state = new CustomerState();
                foreach (var e in stream)
                {
                    state.Apply(e.ToEnvelope());
                }

                _replayed[id] = state;
            }
            catch (Exception ex)
            {
                Problems.Add($"Customer {id}: the log does not replay: {ex.Message}");
            }
        }
    }

    /// <summary>Each customer as the API shows it equals the replay of its log (the whole JSON view).</summary>
    public void CheckViews(IReadOnlyDictionary<string, string> viewsById)
    {
        foreach (var (id, state) in _replayed)
        {
            var replayed = JsonSerializer.SerializeToNode(state.ToView(id), ApiJson)!;
            var shown = JsonNode.Parse(viewsById[id])!;
            if (!JsonNode.DeepEquals(replayed, shown))
            {
                var fields = replayed.AsObject().Select(p => p.Key)
                    .Where(k => !JsonNode.DeepEquals(replayed[k], shown[k]))
                    .Select(k => $"{k}: api {shown[k]?.ToJsonString() ?? "null"} vs log {replayed[k]?.ToJsonString() ?? "null"}");
                Problems.Add($"Customer {id}: GET differs from the replay of its log in {string.Join("; ", fields)}");
            }
        }
    }

    /// <summary>The read model's row of each customer matches the replay: version, order count and tags.</summary>
    public void CheckReadModel(IReadOnlyDictionary<string, (long Version, int OrderCount, string[] Tags)> rows)
    {
        foreach (var (id, state) in _replayed)
        {
            if (!rows.TryGetValue(id, out var row))
            {
                Problems.Add($"Customer {id} is missing from the read model");
            }
            else if (row.Version != state.Version || row.OrderCount != state.OrderCount || !row.Tags.SequenceEqual(state.Tags.Order(StringComparer.Ordinal)))
            {
                Problems.Add($"Customer {id}: read model has version {row.Version}, {row.OrderCount} orders, tags [{string.Join(",", row.Tags)}]; " +
                    $"the log has version {state.Version}, {state.OrderCount} orders, tags [{string.Join(",", state.Tags)}]");
            }
        }
    }

    private static string Describe(long[] sequences) =>
        sequences.Length <= 20 ? string.Join(",", sequences) : $"{string.Join(",", sequences.Take(20))},… ({sequences.Length} in all)";

    /// <summary>The JSON rules of the host's API, so a replayed view serializes exactly as GET shows it.</summary>
    private static JsonSerializerOptions CreateApiJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmPlatformServices.ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
