using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Cluster;

/// <summary>Three silos in this process on one PostgreSQL database form one cluster through the ADO.NET providers.</summary>
public sealed class AdoNetClusterTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThreeSilos_OnePostgresDatabase_FormOneClusterAndShareStateAndReminders()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var silos = new List<ClusterSilo>();
        try
        {
            // The silos create the schema themselves, all at once.
            silos.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ClusterSilo.StartAsync(database.ConnectionString, cancellationToken))));

            // (i) One cluster: every silo sees all three active, and one activation answers through any of them.
            await EventuallyAsync(async () =>
            {
                var hosts = await silos[0].Grains.GetGrain<IManagementGrain>(0).GetHosts(true, TestContext.Current.CancellationToken);
                Assert.Equal(silos.Select(s => s.Address).Order(), hosts.Keys.Select(k => k.ToString()).Order());
                return hosts;
            });
            var locations = await Task.WhenAll(silos.Select(s => s.Grains.GetGrain<IClusterProbeGrain>("shared").WhereAsync()));
            Assert.Single(locations.Distinct());

            // (ii) State written through the "crm" storage survives the hosting silo's shutdown, as plain JSON.
            Assert.Equal(1, await silos[0].Grains.GetGrain<IClusterProbeGrain>("shared").IncrementAsync());
            Assert.Equal(2, await silos[1].Grains.GetGrain<IClusterProbeGrain>("shared").IncrementAsync());
            var hosting = silos.Single(s => s.Address == locations[0].Silo);
            await hosting.StopAsync();
            var survivor = silos.First(s => s != hosting);
            var moved = await EventuallyAsync(() => survivor.Grains.GetGrain<IClusterProbeGrain>("shared").WhereAsync());
            Assert.NotEqual(hosting.Address, moved.Silo);
            Assert.NotEqual(locations[0].ActivationId, moved.ActivationId);
            Assert.Equal(2, await survivor.Grains.GetGrain<IClusterProbeGrain>("shared").CountAsync());

            await using (var row = database.DataSource.CreateCommand("SELECT payload, version FROM orleans_storage WHERE grain_type = $1"))
            {
                row.Parameters.AddWithValue(ClusterProbeGrain.StateName);
                await using var reader = await row.ExecuteReaderAsync(cancellationToken);
                Assert.True(await reader.ReadAsync(cancellationToken));
                var json = Encoding.UTF8.GetString((byte[])reader[0]);
                Assert.DoesNotContain("$type", json);
                Assert.Equal(2, JsonDocument.Parse(json).RootElement.GetProperty("Count").GetInt32());
                Assert.Equal(2, reader.GetInt32(1));
                Assert.False(await reader.ReadAsync(cancellationToken));
            }

            // (iii) A reminder lands in the reminders table.
            // Until the cluster has noticed the stopped silo, a new grain may still be placed on it: retry.
            await EventuallyAsync(async () =>
            {
                await survivor.Grains.GetGrain<IClusterProbeGrain>("reminded").RegisterReminderAsync("tick", TimeSpan.FromMinutes(1));
                return true;
            });
            await using (var reminder = database.DataSource.CreateCommand(
                "SELECT grain_id, period FROM orleans_reminders WHERE service_id = 'crm-test' AND reminder_name = 'tick'"))
            {
                await using var reader = await reminder.ExecuteReaderAsync(cancellationToken);
                Assert.True(await reader.ReadAsync(cancellationToken));
                Assert.Contains("reminded", reader.GetString(0));
                Assert.Equal(60_000L, reader.GetInt64(1));
            }
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    // Membership and directory changes spread asynchronously: retry until they have, within a bound.
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> attempt)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), TestContext.Current.CancellationToken);
            }
        }
    }
}
