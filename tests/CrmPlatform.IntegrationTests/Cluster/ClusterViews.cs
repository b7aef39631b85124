using System.Diagnostics;
using System.Text.Json;

namespace CrmPlatform.IntegrationTests.Cluster;

/// <summary>
/// What the silos of a cluster show of the customers: each customer through every silo (which must
/// agree byte for byte), the list endpoint of each silo, and the read model's catching up.
/// </summary>
internal sealed class ClusterViews(IReadOnlyList<CommandClient> silos, Action<string> log)
{
    private const int PageSize = 500;

    /// <summary>
    /// Gets each customer through every silo; returns the JSON by id, and one problem per customer
    /// whose JSON is not identical through all of them.
    /// </summary>
    public async Task<(Dictionary<string, string> Views, List<string> Problems)> GetThroughAllAsync(
        IEnumerable<string> customerIds, CancellationToken cancellationToken)
    {
        var views = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var gate = new Lock();
        await Parallel.ForEachAsync(
            customerIds,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                var bodies = new string[silos.Count];
                for (var i = 0; i < silos.Count; i++)
                {
                    bodies[i] = await silos[i].GetAsync($"api/customers/{id}", ct);
                }

                lock (gate)
                {
                    views[id] = bodies[0];
                    if (bodies.Distinct(StringComparer.Ordinal).Count() > 1)
                    {
                        problems.Add($"Customer {id} reads differently through the silos: {string.Join(" | ", bodies)}");
                    }
                }
            });
        return (views, problems);
    }

    /// <summary>
    /// Waits until the list endpoint of every silo shows each customer at the version its GET showed;
    /// returns what is still missing or behind when <paramref name="timeout"/> runs out.
    /// </summary>
    public async Task<List<string>> WaitForListsAsync(IReadOnlyDictionary<string, string> views, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var expected = views.ToDictionary(p => p.Key, p => Version(p.Value), StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var problems = new List<string>();
            for (var i = 0; i < silos.Count; i++)
            {
                var listed = await ListAsync(silos[i], cancellationToken);
                problems.AddRange(expected
                    .Where(p => listed.GetValueOrDefault(p.Key) != p.Value)
                    .Select(p => $"The list of silo {i + 1} shows {p.Key} at version {listed.GetValueOrDefault(p.Key)}, GET at {p.Value}"));
            }

            if (problems.Count == 0)
            {
                log($"every silo's list shows all {expected.Count} customers at their current version after {clock.Elapsed.TotalSeconds:0.0} s");
                return problems;
            }

            if (clock.Elapsed > timeout)
            {
                return problems;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Waits until the read model holds every customer of the log at its last sequence.</summary>
    public async Task<long> WaitForReadModelAsync(ClusterDatabase database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var stale = await database.CountStaleCustomersAsync(cancellationToken);
            if (stale == 0 || clock.Elapsed > timeout)
            {
                log($"read model: {stale} customers behind the log after {clock.Elapsed.TotalSeconds:0.0} s");
                return stale;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Every customer the list endpoint shows, with its version, following the cursor.</summary>
    private static async Task<Dictionary<string, long>> ListAsync(CommandClient silo, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, long>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var path = $"api/customers?limit={PageSize}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var page = JsonDocument.Parse(await silo.GetAsync(path, cancellationToken));
            foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
            {
                listed[item.GetProperty("id").GetString()!] = item.GetProperty("version").GetInt64();
            }

            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return listed;
    }

    private static long Version(string customerJson)
    {
        using var json = JsonDocument.Parse(customerJson);
        return json.RootElement.GetProperty("version").GetInt64();
    }
}
