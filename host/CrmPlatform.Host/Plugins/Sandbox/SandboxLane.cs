namespace CrmPlatform.Host.Plugins.Sandbox;

/// <summary>The kind of a plugin call: each kind has its own places and its own circuit breaker.</summary>
public enum SandboxLane
{
    /// <summary>Event and batch deliveries (and dead-letter retries).</summary>
    Delivery = 0,

    /// <summary>Command hooks, which run inside customers' commands.</summary>
    Hook = 1,

    /// <summary>Scheduled jobs: long, one at a time, outside the delivery places.</summary>
    Job = 2,

    /// <summary>Reports built for readers: short, with their own places and breaker.</summary>
    Report = 3,
}
