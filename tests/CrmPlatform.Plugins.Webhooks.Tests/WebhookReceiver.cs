using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Plugins.Webhooks.Tests;

/// <summary>A real HTTP server on loopback that records what it receives.</summary>
/// <remarks>
/// <c>/ok/{name}</c> answers 204, <c>/fail/{name}</c> 500, <c>/redirect/{name}</c> 302 and
/// <c>/slow/{name}</c> never answers (it signals <see cref="SlowRequestArrived"/> and waits until the
/// client gives up).
/// </remarks>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public TaskCompletionSource SlowRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{kind}/{name}", receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public string Url(string kind, string name) => new Uri(BaseAddress, $"/{kind}/{name}").ToString();

    public IReadOnlyList<ReceivedRequest> For(string name) => Requests.Where(r => r.Name == name).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(string kind, string name, HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new ReceivedRequest(kind, name, headers, body.ToArray()));

        switch (kind)
        {
            case "ok":
                return Results.NoContent();
            case "redirect":
                return Results.Redirect("/ok/" + name);
            case "slow":
                SlowRequestArrived.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.NoContent();
            default:
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }
}

internal sealed record ReceivedRequest(string Kind, string Name, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
