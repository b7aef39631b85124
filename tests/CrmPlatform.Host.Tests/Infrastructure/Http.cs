using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrmPlatform.Host.Tests.Infrastructure;

/// <summary>Request builders and response asserts for the API tests.</summary>
public static class Http
{
    public const string ProblemContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Raw = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Serializes <paramref name="value"/> as it is written (anonymous objects with camelCase names), non-ASCII as raw UTF-8.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, Raw);

    public static Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client,
        HttpMethod method,
        string url,
        string? json,
        string? idempotencyKey = null,
        string? correlationId = null,
        string contentType = "application/json",
        bool expectContinue = false)
    {
        var request = new HttpRequestMessage(method, url);
        if (expectContinue)
        {
            // The server answers 413 before the client sends the body, so the refusal is read reliably
            // instead of racing the server closing the connection under a half-sent body.
            request.Headers.ExpectContinue = true;
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        }

        return client.SendAsync(request, Cancel);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json, string? idempotencyKey = null, string? correlationId = null) =>
        client.SendJsonAsync(HttpMethod.Post, url, json, idempotencyKey, correlationId);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, string json, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Put, url, json, idempotencyKey);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, string json, string? idempotencyKey = null) =>
        client.SendJsonAsync(HttpMethod.Patch, url, json, idempotencyKey);

    /// <summary>Sends a body the server must refuse as too large.</summary>
    public static Task<HttpResponseMessage> SendOversizeAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendJsonAsync(method, url, json, expectContinue: true);

    public static Task<HttpResponseMessage> GetRouteAsync(this HttpClient client, string url) => client.GetAsync(new Uri(url, UriKind.Relative), Cancel);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status, then returns the JSON body.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        if (text.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an RFC 7807 problem with <paramref name="status"/> and returns it.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await response.ExpectAsync(status);
        Assert.Equal(ProblemContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name exactly <paramref name="fields"/>.</summary>
    public static async Task<JsonElement> ExpectInvalidAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        var names = errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(fields.Order(StringComparer.Ordinal).ToArray(), names);
        foreach (var property in errors.EnumerateObject())
        {
            Assert.Contains(property.Value.EnumerateArray(), m => !string.IsNullOrWhiteSpace(m.GetString()));
        }

        return errors;
    }

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
