using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Plugins.State;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Benchmarks;

/// <summary>
/// The churn phase: imports the Telco file through the import API, enables the bundled analytics plugin, waits
/// for its subscription to catch up, runs train-churn on demand and reads the model's metrics and the run's
/// figures from the plugin's durable state.
/// </summary>
internal static class ChurnBenchmark
{
    private const string PluginId = "crm.analytics";

    public static async Task<ChurnResult> RunAsync(PlatformHost host, string dataFile)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(15) };
        http.DefaultRequestHeaders.Add("X-Api-Key", host.AdminKey);

        Report.Progress($"importing {Path.GetFileName(dataFile)} through POST /api/imports");
        var clock = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent { { new StringContent(TelcoChurnData.Mapping, Encoding.UTF8, "application/json"), "mapping" } };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(dataFile));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", Path.GetFileName(dataFile));
        using var upload = await http.PostAsync(new Uri("api/imports?kind=customers", UriKind.Relative), form);
        upload.EnsureSuccessStatusCode();
        var jobId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement job;
        while (true)
        {
            job = await http.GetFromJsonAsync<JsonElement>($"api/imports/{jobId}");
            if (job.GetProperty("state").GetString() is "completed" or "failed")
            {
                break;
            }

            await Task.Delay(100);
        }

        var importTime = clock.Elapsed;
        var imported = job.GetProperty("imported").GetInt64();

        Report.Progress("enabling crm.analytics and waiting for its subscription lag to reach 0");
        await WaitForPluginAsync(http);
        clock.Restart();
        (await http.PostAsync(new Uri($"api/plugins/{PluginId}/enable", UriKind.Relative), null)).EnsureSuccessStatusCode();
        while ((await http.GetFromJsonAsync<JsonElement>($"api/plugins/{PluginId}/subscription")).GetProperty("eventsBehind").GetInt64() > 0)
        {
            await Task.Delay(100);
        }

        var catchUpTime = clock.Elapsed;

        Report.Progress("running train-churn on demand (POST /api/plugins/crm.analytics/jobs/train-churn/run)");
        clock.Restart();
        using var run = await http.PostAsync(new Uri($"api/plugins/{PluginId}/jobs/train-churn/run", UriKind.Relative), null);
        var outcome = await run.Content.ReadFromJsonAsync<JsonElement>();
        var runTime = clock.Elapsed;
        if (!run.IsSuccessStatusCode || !outcome.GetProperty("succeeded").GetBoolean())
        {
            throw new InvalidOperationException($"train-churn failed: {(int)run.StatusCode} {outcome}");
        }

        var state = host.Services.GetRequiredService<IPluginStateStore>();
        var record = await ReadAsync(state, "jobs/train-churn");
        var version = await ReadAsync(state, "churn/versions/" + JsonSerializer.Deserialize<string>((await state.GetAsync(PluginId, "churn/current"))!));
        return new ChurnResult(imported, importTime, catchUpTime, runTime, record, version);
    }

    private static async Task<JsonElement> ReadAsync(IPluginStateStore state, string key) =>
        JsonDocument.Parse(await state.GetAsync(PluginId, key) ?? throw new InvalidOperationException($"crm.analytics holds no '{key}'.")).RootElement.Clone();

    private static async Task WaitForPluginAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await http.GetAsync(new Uri($"api/plugins/{PluginId}", UriKind.Relative))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The bundled crm.analytics plugin was not installed at start-up.");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>What the churn phase measured; the run record and the model version as the plugin stored them.</summary>
internal sealed record ChurnResult(long Imported, TimeSpan ImportTime, TimeSpan CatchUpTime, TimeSpan RunTime, JsonElement Run, JsonElement Model);
