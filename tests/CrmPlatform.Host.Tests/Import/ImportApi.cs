using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Host.Import;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>Uploads and follows imports through the API, and reads customers from their grains.</summary>
public static class ImportApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string kind, string mappingJson, string csv) =>
        client.UploadAsync(kind, mappingJson, Encoding.UTF8.GetBytes(csv));

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string kind, string mappingJson, byte[] csv)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(mappingJson, Encoding.UTF8, "application/json"), "mapping" },
        };
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "import.csv");
        return client.PostAsync($"/api/imports?kind={kind}", content, Cancel);
    }

    /// <summary>Uploads, expects 202, and waits until the job has finished.</summary>
    public static async Task<ImportJobResponse> ImportAsync(this HttpClient client, string kind, string mappingJson, byte[] csv)
    {
        using var response = await client.UploadAsync(kind, mappingJson, csv);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<ImportJobResponse>(Json, Cancel))!;
        Assert.Equal($"/api/imports/{job.Id}", response.Headers.Location!.OriginalString);
        return await client.WaitAsync(job.Id);
    }

    public static Task<ImportJobResponse> ImportAsync(this HttpClient client, string kind, string mappingJson, string csv) =>
        client.ImportAsync(kind, mappingJson, Encoding.UTF8.GetBytes(csv));

    public static async Task<ImportJobResponse> GetJobAsync(this HttpClient client, string id) =>
        (await client.GetFromJsonAsync<ImportJobResponse>($"/api/imports/{id}", Json, Cancel))!;

    public static async Task<ImportJobResponse> WaitAsync(this HttpClient client, string id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = await client.GetJobAsync(id);
            if (job.State is "completed" or "failed")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {id} did not finish: {job}");
            await Task.Delay(50, Cancel);
        }
    }

    public static async Task<ImportErrorsPage> ErrorsAsync(this HttpClient client, string id) =>
        (await client.GetFromJsonAsync<ImportErrorsPage>($"/api/imports/{id}/errors?limit=1000", Json, Cancel))!;

    public static Task<CustomerView?> CustomerAsync(this CrmTestHost host, string id) =>
        host.Services.GetRequiredService<IGrainFactory>().GetGrain<ICustomerGrain>(id).GetAsync();

    /// <summary>"line: field, field" for each bad row, to assert on.</summary>
    public static string[] Describe(ImportErrorsPage page) =>
        [.. page.Items.Select(e => $"{e.Line}: {string.Join(", ", e.Errors.Keys.Order(StringComparer.Ordinal))}")];
}
