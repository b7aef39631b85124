using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrmPlatform.Host.Import;

/// <summary>
/// <c>import customers|orders &lt;file.csv&gt; --mapping &lt;mapping.json&gt; [--url …] [--key &lt;key&gt;|@file]</c>:
/// uploads the file through the API of a running platform, redraws a progress line until the job
/// ends, then prints the summary and the first bad rows. Exit code 0 when every row went in, 2 when
/// the job completed with bad rows, 1 when it failed (or the command was wrong).
/// </summary>
public static class ImportCommandLine
{
    /// <summary>Where the platform listens by default.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private const string Usage =
        "usage: import customers|orders <file.csv> --mapping <mapping.json> [--url http://127.0.0.1:5080] [--key <api key> | --key @<file>]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Runs the command; <paramref name="handler"/> replaces the HTTP stack (tests).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        if (!TryParse(args, out var kind, out var file, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return 1;
        }

        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = new Uri(options.GetValueOrDefault("url", DefaultUrl));
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.Add("X-Api-Key", Key(options.GetValueOrDefault("key") ?? Environment.GetEnvironmentVariable("CRM_API_KEY") ?? "@data/admin.key"));

        using var content = new MultipartFormDataContent
        {
            { new StringContent(await File.ReadAllTextAsync(options["mapping"]), System.Text.Encoding.UTF8, "application/json"), "mapping" },
        };
        var csv = new StreamContent(File.OpenRead(file));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(csv, "file", Path.GetFileName(file));
        using var response = await client.PostAsync(new Uri($"api/imports?kind={kind}", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            await error.WriteLineAsync($"The upload was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            return 1;
        }

        var job = (await response.Content.ReadFromJsonAsync<ImportJobResponse>(Json))!;
        await output.WriteLineAsync($"Import {job.Id}: {job.FileBytes:N0} bytes uploaded.");
        while (job.State is "queued" or "running")
        {
            await output.WriteAsync($"\r{Progress(job)}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), time);
            job = (await client.GetFromJsonAsync<ImportJobResponse>(new Uri($"api/imports/{job.Id}", UriKind.Relative), Json))!;
        }

        await output.WriteLineAsync($"\r{Progress(job)}");
        await output.WriteLineAsync($"Import {job.Id} {job.State}: {job.RowsRead:N0} rows read, {job.Imported:N0} imported, {job.Unchanged:N0} unchanged, {job.Failed:N0} failed.");
        if (job.Error is { } jobError)
        {
            await output.WriteLineAsync($"Error: {jobError}");
        }

        if (job.Failed > 0)
        {
            var errors = (await client.GetFromJsonAsync<ImportErrorsPage>(new Uri($"api/imports/{job.Id}/errors?limit=10", UriKind.Relative), Json))!;
            await output.WriteLineAsync($"First bad rows (all of them: GET /api/imports/{job.Id}/errors):");
            foreach (var row in errors.Items)
            {
                await output.WriteLineAsync($"  line {row.Line}: {string.Join("; ", row.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            }
        }

        return job.State == "failed" ? 1 : job.Failed > 0 ? 2 : 0;
    }

    private static string Progress(ImportJobResponse job)
    {
        const int Width = 30;
        var filled = (int)Math.Round(job.Percent / 100 * Width);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {job.Percent,5:0.0}%  rows {job.RowsRead:N0}  imported {job.Imported:N0}  unchanged {job.Unchanged:N0}  failed {job.Failed:N0}   ");
    }

    private static string Key(string value) => value.StartsWith('@') ? File.ReadAllText(value[1..]).Trim() : value;

    private static bool TryParse(string[] args, out string kind, out string file, out Dictionary<string, string> options, out string problem)
    {
        kind = file = problem = string.Empty;
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--mapping" or "--url" or "--key" && i + 1 < args.Length)
            {
                options[args[i][2..]] = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Unknown or incomplete option '{args[i]}'.";
                return false;
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        if (positional is not [("customers" or "orders") and var k, var f])
        {
            problem = "Name the kind (customers or orders) and the file.";
            return false;
        }

        (kind, file) = (k, f);
        if (!File.Exists(file))
        {
            problem = $"No such file: {file}";
            return false;
        }

        if (!options.TryGetValue("mapping", out var mapping) || !File.Exists(mapping))
        {
            problem = "--mapping <mapping.json> is required and must exist.";
            return false;
        }

        return true;
    }
}
