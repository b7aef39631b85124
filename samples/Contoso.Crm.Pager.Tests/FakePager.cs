using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Contoso.Crm.Pager.Tests;

/// <summary>
/// A real HTTP server on loopback standing in for Contoso Pager (<c>POST /v1/pages</c>): it records
/// each request and answers 201 with a new page id, or the answer queued with <see cref="Answer"/>.
/// </summary>
internal sealed class FakePager : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter)> _script = new();
    private int _pages;

    private FakePager(WebApplication app) => _app = app;

    public ConcurrentQueue<PageRequest> Requests { get; } = new();

    public string BaseUrl { get; private set; } = null!;

    public static async Task<FakePager> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var pager = new FakePager(app);
        app.MapPost("/v1/pages", pager.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        pager.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return pager;
    }

    /// <summary>Answers the next request with <paramref name="status"/> and the JSON <paramref name="body"/>.</summary>
    public void Answer(int status, string body, string? retryAfter = null) => _script.Enqueue((status, body, retryAfter));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        Requests.Enqueue(new PageRequest(
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["Idempotency-Key"].ToString(),
            context.Request.ContentType,
            body.RootElement.Clone()));

        if (_script.TryDequeue(out var answer))
        {
            if (answer.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = answer.RetryAfter;
            }

            return Results.Content(answer.Body, "application/json", statusCode: answer.Status);
        }

        return Results.Json(new { id = $"pg-{Interlocked.Increment(ref _pages)}" }, statusCode: StatusCodes.Status201Created);
    }
}

internal sealed record PageRequest(string Authorization, string IdempotencyKey, string? ContentType, JsonElement Body);
