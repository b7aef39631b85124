using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Plugins.Sms.Tests;

/// <summary>
/// A real HTTP server on loopback that implements the provider's send API
/// (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>): it records each request and answers
/// 201 with a new <c>sid</c>, or the answers queued with <see cref="Fail"/>.
/// </summary>
internal sealed class FakeSmsProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private int _sent;

    private FakeSmsProvider(WebApplication app) => _app = app;

    public ConcurrentQueue<ProviderRequest> Requests { get; } = new();

    public string BaseUrl { get; private set; } = null!;

    public static async Task<FakeSmsProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new FakeSmsProvider(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", provider.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        provider.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    /// <summary>Signalled when a request arrives that <see cref="Hang"/> keeps waiting.</summary>
    public TaskCompletionSource HangingRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Answers the next request with <paramref name="status"/>, an error document with <paramref name="code"/> and, if given, a Retry-After header.</summary>
    public void Fail(int status, int? code = null, string message = "refused", string? retryAfter = null) =>
        _script.Enqueue(new ScriptedAnswer(status, code, message, retryAfter));

    /// <summary>Never answers the next request (until the client gives up).</summary>
    public void Hang() => _script.Enqueue(new ScriptedAnswer(0, null, "", null));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string accountSid, HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var authorization = context.Request.Headers.Authorization.ToString();
        var credentials = authorization.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]))
            : null;
        Requests.Enqueue(new ProviderRequest(
            accountSid,
            credentials,
            context.Request.ContentType,
            form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)));

        if (_script.TryDequeue(out var answer))
        {
            if (answer.Status == 0)
            {
                HangingRequestArrived.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
            }

            if (answer.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            }

            return Results.Json(new { code = answer.Code, message = answer.Message, status = answer.Status }, statusCode: answer.Status);
        }

        var sid = $"SM{Interlocked.Increment(ref _sent):D32}";
        return Results.Json(new { sid, status = "queued", to = form["To"].ToString(), body = form["Body"].ToString() }, statusCode: StatusCodes.Status201Created);
    }

    private sealed record ScriptedAnswer(int Status, int? Code, string Message, string? RetryAfter);
}

internal sealed record ProviderRequest(string AccountSid, string? Credentials, string? ContentType, IReadOnlyDictionary<string, string> Form);
