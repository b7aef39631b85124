namespace CrmPlatform.TestPlugins.Probe;

/// <summary>What the probe keeps in its plugin state per customer.</summary>
/// <param name="Handled">Deliveries handled.</param>
/// <param name="LastSequence">The last sequence handled.</param>
internal sealed record ProbeTally(long Handled, long LastSequence);
