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

    /// <summary>
    /// A channel's webhooks and browser routes (verification, parsing, live authorisation, assets):
    /// anyone on the network can call them, so they never share places or a breaker with the
    /// plugin's deliveries, and malformed requests never count as the plugin failing.
    /// </summary>
    Inbound = 4,
}
