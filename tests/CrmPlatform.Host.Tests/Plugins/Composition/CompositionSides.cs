using System.Reflection;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Reports;
using CrmPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPlatform.Host.Tests.Plugins.Composition;

/// <summary>Composes a plugin's build output on the platform (its load context and composer) and in the test kit, and snapshots each.</summary>
internal static class CompositionSides
{
    public static async Task<CompositionSnapshot> PlatformAsync(string folder, IReadOnlyList<string> inputs)
    {
        var manifest = ManifestReader.Read(await File.ReadAllTextAsync(Path.Combine(folder, PluginManifest.FileName)));
        LoadedPlugin plugin;
        try
        {
            plugin = new PluginComposer(new NoState(), NullLoggerFactory.Instance, TimeProvider.System).Load(folder, manifest, "{}");
        }
        catch (PluginRefusedException ex)
        {
            return Refused(ex.Message);
        }

        await using (plugin)
        {
            var scope = plugin.CreateScope();
            await using (scope)
            {
                var verdicts = inputs.ToDictionary(i => i, i => Verdict(plugin.Settings is { } schema ? Count(schema, i) : -1));
                return new CompositionSnapshot(
                    null,
                    PartsOf(scope.ServiceProvider),
                    [.. plugin.Jobs.Select(j => $"{j.Name} every {j.Interval} by {j.JobType.FullName}")],
                    plugin.Settings?.Rules.Describe() ?? [],
                    verdicts);
            }
        }

        static int Count(Host.Plugins.Settings.PluginSettingsSchema schema, string input)
        {
            var errors = new FieldErrors();
            schema.Parse(input, errors);
            return errors.ToDictionary().Sum(e => e.Value.Length);
        }
    }

    public static async Task<CompositionSnapshot> TestKitAsync(string folder, IReadOnlyList<string> inputs, Func<PluginTestHost, string, int>? verdict = null)
    {
        var manifest = ManifestReader.Read(await File.ReadAllTextAsync(Path.Combine(folder, PluginManifest.FileName)));
        var assembly = new PluginFolderContext(folder).LoadFromAssemblyPath(Path.Combine(folder, manifest.EntryAssembly));
        var entry = Assert.Single(EntryPoints.In(assembly.GetTypes()));
        PluginTestHost host;
        try
        {
            host = (PluginTestHost)typeof(PluginTestHost).GetMethod(nameof(PluginTestHost.Create))!.MakeGenericMethod(entry).Invoke(null, [manifest, null])!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException refused)
        {
            return Refused(refused.Message);
        }

        await using (host)
        {
            verdict ??= KitVerdict;
            using var scope = host.Services.CreateScope();
            return new CompositionSnapshot(
                null,
                PartsOf(scope.ServiceProvider),
                [.. host.Jobs.Select(j => $"{j.Name} every {j.Interval} by {j.JobType.FullName}")],
                host.SettingsSchema?.Describe() ?? [],
                inputs.ToDictionary(i => i, i => Verdict(host.SettingsSchema is null ? -1 : verdict(host, i))));
        }
    }

    /// <summary>The test kit's verdict: how many errors <see cref="PluginTestHost.SetSettingsJson"/> reports.</summary>
    public static int KitVerdict(PluginTestHost host, string input)
    {
        try
        {
            host.SetSettingsJson(input);
            return 0;
        }
        catch (InvalidPluginSettingsException ex)
        {
            return ex.Errors.Count;
        }
    }

    private static CompositionSnapshot Refused(string why) => new(why, [], [], [], new Dictionary<string, string>());

    private static string Verdict(int errors) => errors switch
    {
        < 0 => "no settings",
        0 => "ok",
        _ => $"{errors} errors",
    };

    private static List<string> PartsOf(IServiceProvider provider)
    {
        var lines = new List<string>();
        foreach (var name in CustomerEventTypes.Names)
        {
            CustomerEventTypes.TryResolve(name, out var eventType);
            foreach (var open in new[] { typeof(IEventHandler<>), typeof(ICommandHook<>) })
            {
                var contract = open.MakeGenericType(eventType);
                lines.AddRange(provider.GetServices(contract).Select(p => $"{open.Name}[{eventType.Name}]: {p!.GetType().FullName}"));
            }
        }

        foreach (var contract in new[] { typeof(IBatchEventHandler), typeof(IChannel), typeof(IChannelInbound), typeof(IReport) })
        {
            lines.AddRange(provider.GetServices(contract).Select(p => $"{contract.Name}: {p!.GetType().FullName}"));
        }

        lines.AddRange(provider.GetServices<IChannelInbound>().OfType<ILiveChannel>().Select(p => $"{nameof(ILiveChannel)}: {p.GetType().FullName}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private sealed class NoState : IPluginStateStore
    {
        public Task<string?> GetAsync(string pluginId, string key, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

        public Task SetAsync(string pluginId, string key, string json, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> DeleteAsync(string pluginId, string key, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<IReadOnlyList<KeyValuePair<string, string>>> ListAsync(string pluginId, string prefix, string? after, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<KeyValuePair<string, string>>>([]);
    }
}
