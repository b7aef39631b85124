namespace CrmPlatform.Host.Plugins;

/// <summary>How the plugin runtime behaves (<c>Crm:Plugins</c>).</summary>
public sealed class PluginRuntimeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Crm:Plugins";

    /// <summary>A folder of plugin folders installed (or upgraded) at start-up; relative to the data directory. Default <c>plugins</c>.</summary>
    public string Directory { get; set; } = "plugins";

    /// <summary>
    /// Which of the plugins shipped beside the host (<c>bundled-plugins/</c>) are installed, disabled, at
    /// start-up: <c>*</c> for all (the default), <c>none</c>, or plugin ids separated by commas (for
    /// example <c>crm.email,crm.sms</c>). Plugins already installed stay installed either way.
    /// </summary>
    public string BundledPlugins { get; set; } = "*";

    /// <summary>How often each silo checks the catalog for changes and keeps plugin workers running.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time budget of one delivery call (an event or a batch).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries of one plugin that may run at once on a silo, and, separately, hooks of one plugin;
    /// a call that hangs or spins keeps its place, so this bounds the threads a misbehaving plugin
    /// can take. Default: half the processors, at least one.
    /// </summary>
    public int MaxConcurrentCalls { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Time budget of one command hook.</summary>
    public TimeSpan HookTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Time budget of one scheduled job run.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries of one event before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubled for each further one.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Events read from a partition at a time.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How often a subscription writes its checkpoint while it keeps up (it also writes when it stops).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Share of failed calls in <see cref="BreakerSamplingDuration"/> that suspends a plugin.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the breaker may open.</summary>
    public int BreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window the breaker judges.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a suspended plugin rests before one trial call.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
