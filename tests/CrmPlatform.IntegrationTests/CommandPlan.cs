using System.Globalization;

namespace CrmPlatform.IntegrationTests;

/// <summary>
/// The load, fixed up front from a seed: first the registrations, then a mix of interactions, tag
/// changes and orders spread over the customers. Every command would change its customer (new
/// tag, new order id), so each acknowledged one must have written at least one event.
/// </summary>
internal sealed class CommandPlan
{
    private CommandPlan(IReadOnlyList<PlannedCommand> registrations, IReadOnlyList<PlannedCommand> changes)
    {
        Registrations = registrations;
        Changes = changes;
    }

    /// <summary>One registration per customer.</summary>
    public IReadOnlyList<PlannedCommand> Registrations { get; }

    /// <summary>The commands sent once every customer is registered.</summary>
    public IReadOnlyList<PlannedCommand> Changes { get; }

    /// <summary>All commands.</summary>
    public IEnumerable<PlannedCommand> All => Registrations.Concat(Changes);

    /// <summary>Plans <paramref name="total"/> commands for <paramref name="customers"/> customers.</summary>
    public static CommandPlan Create(int customers, int total, int seed, string runId)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(1, customers).Select(n => $"crash-{runId}-c{n:D4}").ToArray();
        var registrations = ids
            .Select((id, i) => new PlannedCommand(
                i, id, "register", "api/customers",
                $$"""{"id":"{{id}}","firstName":"Ada","lastName":"Crash{{i}}","emails":["c{{i}}@example.com"]}""",
                Key(runId, i)))
            .ToArray();

        var tagCounts = new int[customers];
        var changes = new PlannedCommand[total - customers];
        for (var i = 0; i < changes.Length; i++)
        {
            var index = customers + i;
            var customer = random.Next(customers);
            var id = ids[customer];
            var roll = random.Next(100);
            changes[i] = roll switch
            {
                < 40 => new PlannedCommand(
                    index, id, "interaction", $"api/customers/{id}/interactions",
                    $$"""{"channel":"email","direction":"{{(roll % 2 == 0 ? "inbound" : "outbound")}}","subject":"Message {{index}}"}""",
                    Key(runId, index)),
                < 70 => TagChange(index, id, runId, tagCounts[customer]++),
                _ => new PlannedCommand(
                    index, id, "order", $"api/customers/{id}/orders",
                    $$"""{"orderId":"o{{index}}","amount":{{Amount(random)}},"currency":"EUR"}""",
                    Key(runId, index)),
            };
        }

        return new CommandPlan(registrations, changes);
    }

    /// <summary>Adds a tag never used on the customer and removes the one added five tag changes before.</summary>
    private static PlannedCommand TagChange(int index, string id, string runId, int tagNumber)
    {
        var remove = tagNumber >= 5 ? $"\"t{tagNumber - 5}\"" : "";
        return new PlannedCommand(
            index, id, "tags", $"api/customers/{id}/tags",
            $$"""{"add":["t{{tagNumber}}"],"remove":[{{remove}}]}""",
            Key(runId, index));
    }

    private static string Amount(Random random) =>
        (random.Next(1_000, 50_000) / 100m).ToString(CultureInfo.InvariantCulture);

    private static string Key(string runId, int index) => $"crash-{runId}-k{index:D5}";
}
