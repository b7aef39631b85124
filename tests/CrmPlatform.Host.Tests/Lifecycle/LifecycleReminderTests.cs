using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Lifecycle;

public sealed class LifecycleReminderTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Start_ClusterMode_PutsTheLifecycleRulesOnADurableReminder()
    {
        await using var host = await CrmTestHost.StartAsync(extraArgs:
        [
            "--Crm:Storage:Provider=Postgres",
            $"--Crm:Storage:ConnectionString={database.ConnectionString}",
            "--Crm:Lifecycle:Interval=00:05:00",
        ]);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        long? period = null;
        while (period is null)
        {
            await using var query = database.DataSource.CreateCommand(
                "SELECT period FROM orleans_reminders WHERE reminder_name = 'lifecycle-rules'");
            period = await query.ExecuteScalarAsync(TestContext.Current.CancellationToken) as long?;
            if (period is null)
            {
                await Task.Delay(200, deadline.Token);
            }
        }

        Assert.Equal((long)TimeSpan.FromMinutes(5).TotalMilliseconds, period);
    }
}
