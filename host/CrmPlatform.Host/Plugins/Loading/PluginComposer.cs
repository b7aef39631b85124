using System.Reflection;
using System.Runtime.Loader;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Plugins.Settings;
using CrmPlatform.Host.Plugins.State;
using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.State;
using McMaster.NETCore.Plugins;

namespace CrmPlatform.Host.Plugins.Loading;

/// <summary>
/// Loads a plugin from an unpacked package: its assemblies into a collectable load context that
/// shares only the SDK and the logging and DI abstractions with the host, its entry point
/// configured, its handlers, hooks and jobs found by scanning, all in a container of its own.
/// The composition rules (scanning, part, manifest and settings checks) are the plugin composition
/// library's, shared with the test kit; this adds the load context and the runtime's container.
/// Anything wrong becomes a <see cref="PluginRefusedException"/> that says what.
/// </summary>
public sealed partial class PluginComposer(IPluginStateStore stateStore, ILoggerFactory loggers, TimeProvider time)
{
    private static readonly Type[] SharedTypes =
    [
        typeof(IPlugin), typeof(IServiceCollection), typeof(IServiceProvider), typeof(ILogger), typeof(ILoggerFactory), typeof(TimeProvider),
    ];

    /// <summary>Loads the plugin in <paramref name="folder"/> with <paramref name="settingsJson"/> as its settings.</summary>
    public LoadedPlugin Load(string folder, PluginManifest manifest, string settingsJson)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var entryPath = Path.Combine(folder, manifest.EntryAssembly);
        if (!File.Exists(entryPath))
        {
            throw Refused(manifest, "manifest.entryAssembly", $"The entry assembly '{manifest.EntryAssembly}' is not in the package.");
        }

        var loader = PluginLoader.CreateFromAssemblyFile(entryPath, isUnloadable: true, SharedTypes, c =>
        {
            c.PreferSharedTypes = true;
            c.LoadInMemory = true;
        });
        try
        {
            return Compose(loader, manifest, settingsJson);
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    private LoadedPlugin Compose(PluginLoader loader, PluginManifest manifest, string settingsJson)
    {
        Assembly entry;
        Type[] types;
        try
        {
            entry = loader.LoadDefaultAssembly();
            types = entry.GetTypes();
        }
        catch (Exception ex) when (ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            var missing = ex is ReflectionTypeLoadException load
                ? string.Join("; ", load.LoaderExceptions.Select(e => e?.Message).Distinct())
                : ex.Message;
            throw Refused(manifest, "package", $"The plugin's assemblies cannot be loaded (an assembly is missing or broken): {missing}");
        }

        var sdkErrors = new CompositionErrors();
        ManifestRules.CheckSdkReference(entry, sdkErrors);
        if (!sdkErrors.IsEmpty)
        {
            throw Refused(manifest, "manifest.sdkVersion", sdkErrors.Messages[0]);
        }

        var entryTypes = EntryPoints.In(types);
        if (entryTypes.Count != 1)
        {
            throw Refused(manifest, "manifest.entryAssembly", $"'{manifest.EntryAssembly}' must hold exactly one class implementing IPlugin; it holds {entryTypes.Count}.");
        }

        var builder = new CompositionBuilder(manifest);
        try
        {
            ((IPlugin)Activator.CreateInstance(entryTypes[0])!).Configure(builder);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Refused(manifest, "package", $"The plugin's Configure failed: {ex.GetType().Name}: {ex.Message}");
        }

        var services = builder.Services;
        PartScanner.AddParts(services, entry, _ => true);
        var parts = PluginParts.Of(services);
        var partErrors = new CompositionErrors();
        PartRules.Check(parts, manifest, partErrors);
        if (!partErrors.IsEmpty)
        {
            throw new PluginRefusedException($"Plugin '{manifest.Id}' does not match its manifest.", partErrors.ToDictionary());
        }

        Type[] handled = [.. parts.Handled];
        Type[] hooked = [.. parts.Hooked];

        services.AddSingleton(manifest);
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddSingleton<IPluginState>(new PluginState(manifest.Id, stateStore));
        PluginSettingsSchema? schema = null;
        ISettingsHolder? holder = null;
        if (builder.SettingsType is { } settingsType)
        {
            schema = new PluginSettingsSchema(settingsType);
            var errors = new FieldErrors();
            var settings = schema.Parse(settingsJson, errors);
            if (!errors.IsEmpty)
            {
                // Stored settings the new version no longer accepts: start with its defaults and say so.
                LogSettingsReset(
                    loggers.CreateLogger("CrmPlatform.Plugins"), manifest.Id, manifest.Version,
                    string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
                settings = Activator.CreateInstance(settingsType)!;
            }

            holder = (ISettingsHolder)Activator.CreateInstance(typeof(PluginSettings<>).MakeGenericType(settingsType), settings)!;
            services.AddSingleton(typeof(Sdk.Settings.IPluginSettings<>).MakeGenericType(settingsType), holder);
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        bool hooksFailClosed;
        try
        {
            hooksFailClosed = HooksFailClosed(provider, hooked);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            provider.Dispose();
            throw Refused(manifest, "package", $"A command hook cannot be created: {ex.GetType().Name}: {ex.Message}");
        }

        PluginChannels channels;
        try
        {
            channels = PluginChannels.Of(provider, manifest);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not PluginRefusedException)
        {
            provider.Dispose();
            throw Refused(manifest, "package", $"A channel cannot be created: {ex.GetType().Name}: {ex.Message}");
        }
        catch
        {
            provider.Dispose();
            throw;
        }

        return new LoadedPlugin(
            manifest,
            loader,
            provider,
            PluginDispatch.Handlers(handled),
            parts.HasBatchHandler,
            PluginDispatch.Hooks(hooked),
            [.. builder.Jobs.Select(j => new ScheduledJob(j.Name, j.Interval, j.JobType))],
            schema,
            holder,
            hooksFailClosed,
            new WeakReference(AssemblyLoadContext.GetLoadContext(entry)),
            channels);
    }

    /// <summary>True when some hook refuses commands it cannot check: then so does the runtime while the plugin cannot run it (a version swap, a suspension).</summary>
    private static bool HooksFailClosed(ServiceProvider provider, Type[] hooked)
    {
        using var scope = provider.CreateScope();
        return hooked.Any(type =>
        {
            var contract = typeof(ICommandHook<>).MakeGenericType(type);
            var onFailure = contract.GetProperty(nameof(ICommandHook<ICustomerEvent>.OnFailure))!;
            return scope.ServiceProvider.GetServices(contract).Any(hook => (HookFailure)onFailure.GetValue(hook)! == HookFailure.Veto);
        });
    }

    private static PluginRefusedException Refused(PluginManifest manifest, string field, string message) =>
        new($"Plugin '{manifest.Id}' {manifest.Version} was refused: {message}", new Dictionary<string, string[]> { [field] = [message] });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} {Version}: stored settings are invalid for this version ({Errors}); using defaults")]
    private static partial void LogSettingsReset(ILogger logger, string pluginId, string version, string errors);
}
