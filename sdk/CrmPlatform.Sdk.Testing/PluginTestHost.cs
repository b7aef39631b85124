using CrmPlatform.Sdk.Composition;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Settings;
using CrmPlatform.Sdk.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Sdk.Testing;

/// <summary>
/// Runs one plugin in memory, composed exactly like the platform composes it (with the platform's
/// own composition rules: manifest checks, part scanning and checks, channel names, settings schema): the single
/// <see cref="IPlugin"/> class configures its services, event handlers, batch handlers and command
/// hooks are found by scanning, and the plugin's container also offers <c>ILogger&lt;T&gt;</c>,
/// <see cref="TimeProvider"/>, <see cref="IPluginState"/>, the <see cref="PluginManifest"/> and its
/// settings. Tests then deliver events, run hooks and jobs, and assert on <see cref="Crm"/>,
/// <see cref="State"/> and <see cref="Log"/>.
/// </summary>
/// <example>
/// <code>
/// await using var host = PluginTestHost.FromManifestFile&lt;LoyaltyPlugin&gt;("plugin.json");
/// var result = await host.DeliverAsync("c-1", new OrderPlaced("o-1", 250m, "EUR", []));
/// Assert.Equal($"plugin:contoso.loyalty:{result.Envelope.EventId:N}:1", result.Calls[0].IdempotencyKey);
/// </code>
/// </example>
public sealed partial class PluginTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ISettingsSlot? _settings;
    private readonly string _actor;

    private PluginTestHost(PluginManifest manifest, CompositionBuilder builder, TimeProvider time, TestLog log, string actor)
    {
        Manifest = manifest;
        Time = time;
        Log = log;
        State = new InMemoryPluginState();
        Crm = new RecordingCrm(manifest);
        Jobs = [.. builder.Jobs.Select(j => new ScheduledJobRegistration(j.Name, j.Interval, j.JobType))];
        _actor = actor;

        var services = builder.Services;
        if (builder.SettingsType is { } settingsType)
        {
            _settings = CreateSlot(settingsType);
            services.AddSingleton(typeof(IPluginSettings<>).MakeGenericType(settingsType), _settings);
        }

        services.AddSingleton<ILoggerFactory>(new TestLoggerFactory(log));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddSingleton<IPluginState>(State);
        services.AddSingleton(manifest);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var errors = new CompositionErrors();
        ChannelRules.Read(_services, errors);
        if (!errors.IsEmpty)
        {
            _services.Dispose();
            throw new InvalidOperationException($"Plugin '{manifest.Id}' has invalid channels: {string.Join(" ", errors.Messages)}");
        }
    }

    /// <summary>The plugin's manifest.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>The plugin's own container, as the platform would build it.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The platform side of every <see cref="Crm.ICrm"/> the plugin gets: seed customers, script results, read the calls.</summary>
    public RecordingCrm Crm { get; }

    /// <summary>The plugin's durable state, in memory.</summary>
    public InMemoryPluginState State { get; }

    /// <summary>What the plugin logged.</summary>
    public TestLog Log { get; }

    /// <summary>The clock: by default a <see cref="FakeTimeProvider"/> the test can advance.</summary>
    public TimeProvider Time { get; }

    /// <summary>The scheduled jobs the plugin added.</summary>
    public IReadOnlyList<ScheduledJobRegistration> Jobs { get; }

    /// <summary>Composes <typeparamref name="TPlugin"/> with <paramref name="manifest"/>.</summary>
    /// <typeparam name="TPlugin">The plugin's entry point: the single non-abstract <see cref="IPlugin"/> class in scope, with a public parameterless constructor.</typeparam>
    /// <param name="manifest">The manifest, as it would be in the package's <c>plugin.json</c>.</param>
    /// <param name="options">The clock, scan scope and actor; null for the defaults.</param>
    /// <exception cref="InvalidOperationException">The platform would refuse the plugin; the message says why.</exception>
    public static PluginTestHost Create<TPlugin>(PluginManifest manifest, PluginTestHostOptions? options = null)
        where TPlugin : class, IPlugin
    {
        ArgumentNullException.ThrowIfNull(manifest);
        options ??= new PluginTestHostOptions();
        var scope = options.ScanScope;
        var errors = new CompositionErrors();
        ManifestRules.Check(manifest, errors);
        ThrowIfAny(manifest, "has an invalid manifest", errors);
        var plugin = PluginEntryPoint.Create(typeof(TPlugin), manifest, scope);
        var builder = new CompositionBuilder(manifest);
        plugin.Configure(builder);
        PartScanner.AddParts(builder.Services, typeof(TPlugin).Assembly, t => PluginEntryPoint.InScope(t, typeof(TPlugin), scope));
        PartRules.Check(PluginParts.Of(builder.Services), manifest, errors);
        ThrowIfAny(manifest, "does not match its manifest", errors);
        return new PluginTestHost(manifest, builder, options.TimeProvider ?? new FakeTimeProvider(), new TestLog(), options.Actor);
    }

    /// <summary>Composes <typeparamref name="TPlugin"/> with the manifest read from a <c>plugin.json</c> file.</summary>
    /// <param name="path">The manifest file; a relative path is taken from the test's output folder.</param>
    /// <param name="options">The clock, scan scope and actor; null for the defaults.</param>
    public static PluginTestHost FromManifestFile<TPlugin>(string path = PluginManifest.FileName, PluginTestHostOptions? options = null)
        where TPlugin : class, IPlugin
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path, AppContext.BaseDirectory);
        var errors = new CompositionErrors();
        var manifest = ManifestRules.Read(File.ReadAllText(fullPath), errors);
        if (manifest is null || !errors.IsEmpty)
        {
            throw new InvalidOperationException($"The manifest '{fullPath}' is not valid: {string.Join(" ", errors.Messages)}");
        }

        return Create<TPlugin>(manifest, options);
    }

    /// <summary>Replaces the settings, as an administrator would; validated like the platform validates them.</summary>
    /// <param name="settings">An instance of the type declared with <see cref="IPluginBuilder.UseSettings{TSettings}"/>.</param>
    /// <exception cref="InvalidPluginSettingsException">The platform would refuse the settings.</exception>
    public void SetSettings(object settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var slot = RequireSettings();
        if (!slot.SettingsType.IsInstanceOfType(settings))
        {
            throw new ArgumentException($"The plugin's settings are {slot.SettingsType.Name}, not {settings.GetType().Name}.", nameof(settings));
        }

        slot.SetJson(slot.Schema.Serialize(settings));
    }

    /// <summary>
    /// Replaces the settings from JSON, as the settings API would: unknown members are errors, then
    /// every property's data annotations are checked.
    /// </summary>
    /// <exception cref="InvalidPluginSettingsException">The platform would refuse the settings.</exception>
    public void SetSettingsJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        RequireSettings().SetJson(json);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>The settings schema the plugin's settings are read with; null when it declares none.</summary>
    internal SettingsSchema? SettingsSchema => _settings?.Schema;

    private static ISettingsSlot CreateSlot(Type settingsType)
    {
        try
        {
            return (ISettingsSlot)Activator.CreateInstance(typeof(PluginSettingsSlot<>).MakeGenericType(settingsType))!;
        }
        catch (System.Reflection.TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            // The defaults themselves are invalid: report that, not the reflection around it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private static void ThrowIfAny(PluginManifest manifest, string what, CompositionErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw new InvalidOperationException($"Plugin '{manifest.Id}' {what}: {string.Join(" ", errors.Messages)}");
        }
    }

    private ISettingsSlot RequireSettings() =>
        _settings ?? throw new InvalidOperationException($"Plugin '{Manifest.Id}' declares no settings: its Configure does not call UseSettings<TSettings>().");
}
