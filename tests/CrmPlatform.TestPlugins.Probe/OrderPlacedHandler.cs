using CrmPlatform.Sdk.Events;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records deliveries of <see cref="OrderPlaced"/>.</summary>
internal sealed class OrderPlacedHandler(ProbeRecorder recorder) : ProbeEventHandler<OrderPlaced>(recorder);
