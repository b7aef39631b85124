using CrmPlatform.Sdk.Events;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records deliveries of <see cref="InteractionRecorded"/>.</summary>
internal sealed class InteractionRecordedHandler(ProbeRecorder recorder) : ProbeEventHandler<InteractionRecorded>(recorder);
