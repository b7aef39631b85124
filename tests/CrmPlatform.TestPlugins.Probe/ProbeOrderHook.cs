using System.Globalization;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Hooks;

namespace CrmPlatform.TestPlugins.Probe;

/// <summary>Vetoes orders above <see cref="ProbeSettings.VetoAbove"/>, tags the others with <see cref="ProbeSettings.EnrichTag"/>, and throws or hangs when told to.</summary>
internal sealed class ProbeOrderHook(ProbeRecorder recorder) : ICommandHook<OrderPlaced>
{
    public HookFailure OnFailure => recorder.Settings.HookFailsClosed ? HookFailure.Veto : HookFailure.Allow;

    public async ValueTask<HookDecision> BeforeWriteAsync(HookContext<OrderPlaced> context, CancellationToken cancellationToken)
    {
        var settings = recorder.Settings;
        recorder.Append("hooks", ProbeRecorder.Line(
            ("customer", context.CustomerId),
            ("order", context.Event.OrderId),
            ("mode", settings.HookMode),
            ("ordersBefore", context.Customer?.OrderCount.ToString(CultureInfo.InvariantCulture) ?? "none")));
        switch (settings.HookMode)
        {
            case "throw":
                throw new InvalidOperationException("The probe's hook was told to throw.");
            case "hang":
                await recorder.HangAsync(() => recorder.Settings.HookMode == "hang", settings.MaxStallSeconds);
                break;
        }

        var order = context.Event;
        if (settings.VetoAbove is { } limit && order.Amount > limit)
        {
            return HookDecision.Veto(string.Create(CultureInfo.InvariantCulture, $"Probe: order {order.OrderId} of {order.Amount} is above {limit}."));
        }

        return settings.EnrichTag is { } tag ? HookDecision.Allow.WithTags(tag) : HookDecision.Allow;
    }
}
