using System.Globalization;
using System.Text.Json;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Plugins.Catalog;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Subscriptions;
using CrmPlatform.Host.Security;
using CrmPlatform.Sdk.Plugins;
using Microsoft.AspNetCore.Http.Features;

namespace CrmPlatform.Host.Plugins;

/// <summary><c>/api/plugins</c>: install, upgrade, configure, enable, disable and uninstall plugins, and manage their subscriptions (admin only).</summary>
public static class PluginEndpoints
{
    /// <summary>The largest plugin package accepted.</summary>
    public const long MaxPackageBytes = 64L * 1024 * 1024;

    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapPlugins(this RouteGroupBuilder plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        plugins.RequireAuthorization(CrmPolicies.Admin);

        plugins.MapGet("", async (IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
            (await catalog.ListAsync(ct)).Select(p => Describe(p, registry)).ToList())
            .WithName("ListPlugins").WithSummary("List installed plugins with their status").Produces<List<PluginResponse>>();

        plugins.MapGet("/{id}", async (string id, IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
            await catalog.FindAsync(id, ct) is { } p ? Results.Ok(Describe(p, registry)) : NotInstalled(id))
            .WithName("GetPlugin").WithSummary("Get an installed plugin").Produces<PluginResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("", (HttpContext http, PluginInstaller installer, PluginRegistry registry, CancellationToken ct) =>
            InstallAsync(http, installer, registry, upgradeOf: null, ct))
            .WithName("InstallPlugin").WithSummary("Install a plugin from a zip package (Content-Type: application/zip)")
            .Accepts<byte[]>("application/zip").Produces<PluginResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        plugins.MapPut("/{id}", (string id, HttpContext http, PluginInstaller installer, PluginRegistry registry, CancellationToken ct) =>
            InstallAsync(http, installer, registry, upgradeOf: id, ct))
            .WithName("UpgradePlugin").WithSummary("Upgrade (or downgrade) an installed plugin to the version in a zip package")
            .Accepts<byte[]>("application/zip").Produces<PluginResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plugins.MapDelete("/{id}", async (string id, PluginInstaller installer, CancellationToken ct) =>
            await installer.UninstallAsync(id, ct) ? Results.NoContent() : NotInstalled(id))
            .WithName("UninstallPlugin").WithSummary("Uninstall a plugin, with its settings, state, checkpoints and dead letters")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{id}/enable", (string id, PluginInstaller installer, IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
            SetEnabledAsync(id, true, installer, catalog, registry, ct))
            .WithName("EnablePlugin").WithSummary("Enable a plugin").Produces<PluginResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{id}/disable", (string id, PluginInstaller installer, IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
            SetEnabledAsync(id, false, installer, catalog, registry, ct))
            .WithName("DisablePlugin").WithSummary("Disable a plugin; its subscription pauses at its checkpoint").Produces<PluginResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapSettings();
        plugins.MapSubscription();
        plugins.MapJobs();
        return plugins;
    }

    private static RouteGroupBuilder MapSettings(this RouteGroupBuilder plugins)
    {
        plugins.MapGet("/{id}/settings", async (string id, IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
        {
            if (await catalog.FindAsync(id, ct) is not { } installed)
            {
                return NotInstalled(id);
            }

            if (registry.Find(id)?.Current?.Settings is not { } schema)
            {
                return Results.Json(new { });
            }

            var errors = new FieldErrors();
            var settings = schema.Parse(installed.SettingsJson, errors);
            return Results.Content(schema.ToMaskedJson(settings).ToJsonString(), "application/json");
        }).WithName("GetPluginSettings").WithSummary("Get a plugin's settings (secrets masked)").Produces<JsonElement>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPut("/{id}/settings", async (string id, JsonElement body, PluginInstaller installer, CancellationToken ct) =>
        {
            if (body.ValueKind != JsonValueKind.Object)
            {
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["settings"] = ["Must be a JSON object."] });
            }

            var errors = new FieldErrors();
            try
            {
                return await installer.SetSettingsAsync(id, body.GetRawText(), errors, ct) ? Results.NoContent() : ApiProblems.Invalid(errors.ToDictionary());
            }
            catch (PluginNotInstalledException ex)
            {
                return ApiProblems.NotFound(ex.Message);
            }
        }).WithName("SetPluginSettings").WithSummary("Replace a plugin's settings; validated against its settings type")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return plugins;
    }

    private static RouteGroupBuilder MapSubscription(this RouteGroupBuilder plugins)
    {
        plugins.MapGet("/{id}/subscription", async (string id, IPluginCatalogStore catalog, SubscriptionAdmin admin, CancellationToken ct) =>
            await catalog.FindAsync(id, ct) is null ? NotInstalled(id) : Results.Ok(await admin.GetLagAsync(id, ct)))
            .WithName("GetPluginSubscription").WithSummary("A plugin's subscription: checkpoints and lag per partition")
            .Produces<SubscriptionLag>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{id}/subscription/replay", async (string id, ReplayRequest body, IPluginCatalogStore catalog, SubscriptionAdmin admin, CancellationToken ct) =>
        {
            DateTimeOffset? from = null;
            if (body.From is not "beginning")
            {
                if (!DateTimeOffset.TryParse(body.From, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return ApiProblems.Invalid(new Dictionary<string, string[]> { ["from"] = ["Must be 'beginning' or an ISO 8601 time."] });
                }

                from = at;
            }

            if (await catalog.FindAsync(id, ct) is null)
            {
                return NotInstalled(id);
            }

            var position = await admin.ReplayAsync(id, from, ct);
            return Results.Accepted($"/api/plugins/{id}/subscription", new { replayFromPosition = position });
        }).WithName("ReplayPluginSubscription").WithSummary("Replay a plugin's subscription from the beginning or from a time")
            .Produces(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapGet("/{id}/dead-letters", async (string id, IPluginCatalogStore catalog, ISubscriptionStore store, CancellationToken ct) =>
            await catalog.FindAsync(id, ct) is null ? NotInstalled(id) : Results.Ok(await store.ListDeadLettersAsync(id, 1_000, ct)))
            .WithName("ListDeadLetters").WithSummary("The events a plugin failed to handle, oldest first (at most 1,000)")
            .Produces<IReadOnlyList<DeadLetter>>().ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{id}/dead-letters/{eventId:guid}/retry", async (string id, Guid eventId, ISubscriptionStore store, SubscriptionAdmin admin, CancellationToken ct) =>
        {
            if (await store.FindDeadLetterAsync(id, eventId, ct) is not { } letter)
            {
                return ApiProblems.NotFound($"Plugin '{id}' has no dead letter for event {eventId}.");
            }

            try
            {
                return await admin.RetryDeadLetterAsync(letter, ct) is { } failure
                    ? ApiProblems.Conflict($"The event failed again: {failure}")
                    : Results.NoContent();
            }
            catch (PluginNotInstalledException ex)
            {
                return ApiProblems.NotFound(ex.Message);
            }
        }).WithName("RetryDeadLetter").WithSummary("Deliver a dead letter once more; removed when it succeeds")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        plugins.MapDelete("/{id}/dead-letters/{eventId:guid}", async (string id, Guid eventId, ISubscriptionStore store, CancellationToken ct) =>
            await store.RemoveDeadLetterAsync(id, eventId, ct) ? Results.NoContent() : ApiProblems.NotFound($"Plugin '{id}' has no dead letter for event {eventId}."))
            .WithName("DiscardDeadLetter").WithSummary("Discard a dead letter")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return plugins;
    }

    private static async Task<IResult> InstallAsync(HttpContext http, PluginInstaller installer, PluginRegistry registry, string? upgradeOf, CancellationToken ct)
    {
        if (http.Request.ContentType?.Split(';')[0].Trim() is not ("application/zip" or "application/octet-stream"))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", detail: "Send the plugin package as application/zip.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxPackageBytes;
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        try
        {
            var installed = await installer.InstallAsync(buffer.ToArray(), upgrade: upgradeOf is not null, upgradeOf, cancellationToken: ct);
            var response = Describe(installed, registry);
            return upgradeOf is null ? Results.Created($"/api/plugins/{installed.Id}", response) : Results.Ok(response);
        }
        catch (PluginRefusedException ex)
        {
            return Results.ValidationProblem(ex.Errors.ToDictionary(), detail: ex.Message, title: "The plugin package was refused.");
        }
        catch (PluginConflictException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
        catch (PluginNotInstalledException ex)
        {
            return ApiProblems.NotFound(ex.Message);
        }
    }

    private static async Task<IResult> SetEnabledAsync(string id, bool enabled, PluginInstaller installer, IPluginCatalogStore catalog, PluginRegistry registry, CancellationToken ct) =>
        await installer.SetEnabledAsync(id, enabled, ct) && await catalog.FindAsync(id, ct) is { } p
            ? Results.Ok(Describe(p, registry))
            : NotInstalled(id);

    private static IResult NotInstalled(string id) => ApiProblems.NotFound($"Plugin '{id}' is not installed.");

    /// <summary>An installed plugin as the API (and the console) shows it: its manifest and its status on this silo.</summary>
    internal static PluginResponse Describe(InstalledPlugin installed, PluginRegistry registry)
    {
        var manifest = JsonSerializer.Deserialize<PluginManifest>(installed.ManifestJson, JsonSerializerOptions.Web)!;
        var slot = registry.Find(installed.Id);
        var status = slot?.Status ?? new PluginStatus(PluginRunState.Loading);
        return new PluginResponse(
            installed.Id, installed.Version, manifest.Name, manifest.Description, installed.Enabled, status.Name, status.Reason, installed.InstalledAt,
            manifest.Capabilities, manifest.Events, manifest.Permissions, [.. slot?.Current?.Jobs.Select(j => j.Name) ?? []]);
    }
}
