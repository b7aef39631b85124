using CrmPlatform.Sdk.Events;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records deliveries of <see cref="LifecycleStageChanged"/>.</summary>
internal sealed class StageChangedHandler(ProbeRecorder recorder) : ProbeEventHandler<LifecycleStageChanged>(recorder);
