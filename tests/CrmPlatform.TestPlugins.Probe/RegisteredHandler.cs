using CrmPlatform.Sdk.Events;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Records deliveries of <see cref="CustomerRegistered"/>.</summary>
internal sealed class RegisteredHandler(ProbeRecorder recorder) : ProbeEventHandler<CustomerRegistered>(recorder);
