using CrmPlatform.Sdk.Events;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records deliveries of <see cref="TagsChanged"/>.</summary>
internal sealed class TagsChangedHandler(ProbeRecorder recorder) : ProbeEventHandler<TagsChanged>(recorder);
