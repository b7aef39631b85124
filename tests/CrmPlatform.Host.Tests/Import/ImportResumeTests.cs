using System.Text;
using CrmPlatform.Host.Import;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>An import interrupted by a host stop resumes on the next start from its last stored row.</summary>
public sealed class ImportResumeTests
{
    [Fact]
    public async Task Import_HostStoppedMidJob_ResumesOnRestartWithoutDuplicates()
    {
        const int Rows = 3000;
        var directory = CrmTestHost.CreateTempDirectory();
        string[] args = ["--Crm:Import:BatchSize=5", "--Crm:Import:MaxParallelCustomers=2"];
        try
        {
            var csv = new StringBuilder("Id,Name\n");
            for (var i = 0; i < Rows; i++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"p{i},Person {i}\n");
            }

            string id;
            await using (var first = await CrmTestHost.StartAsync(directory, args))
            {
                using var response = await first.Admin.UploadAsync("customers", """{"columns":{"Id":"id","Name":"lastName"}}""", csv.ToString());
                id = (await response.ExpectAsync(System.Net.HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
                while ((await first.Admin.GetJobAsync(id)).RowsRead < 100)
                {
                    await Task.Delay(10, TestContext.Current.CancellationToken);
                }
            }

            await using var second = await CrmTestHost.StartAsync(directory, args);
            var stopped = await second.GetService<IImportJobStore>().FindAsync(id, TestContext.Current.CancellationToken);
            var job = await second.Admin.WaitAsync(id, TimeSpan.FromSeconds(120));

            Assert.InRange(stopped!.RowsRead, 100, Rows - 1);
            Assert.Equal(("completed", (long)Rows, 0L), (job.State, job.RowsRead, job.Failed));
            Assert.Equal(Rows, job.Imported + job.Unchanged);
            for (var i = 0; i < Rows; i += 7)
            {
                Assert.Equal(1, (await second.CustomerAsync($"p{i}"))!.Version);
            }

            Assert.Equal(1, (await second.CustomerAsync($"p{Rows - 1}"))!.Version);
        }
        finally
        {
            CrmTestHost.TryDelete(directory);
        }
    }
}
