using CrmPlatform.Sdk.Events;
using Microsoft.Extensions.Localization;

namespace CrmPlatform.Host.Console.Components;

/// <summary>How the timeline names an event (localized) and sums it up (in the data's own words).</summary>
internal static class TimelineText
{
    /// <summary>The event's name for people: its type's resource (<c>Event_order-placed</c>), else the type itself.</summary>
    public static string Title(EventEnvelope envelope, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(localizer);
        var type = envelope.Type;
        var name = type.StartsWith("crm.customer.", StringComparison.Ordinal) ? type["crm.customer.".Length..] : type;
        var dot = name.LastIndexOf(".v", StringComparison.Ordinal);
        name = dot > 0 ? name[..dot] : name;
        var text = localizer[$"Event_{name}"];
        return text.ResourceNotFound ? name : text.Value;
    }

    /// <summary>A short summary of what the event says.</summary>
    public static string Detail(EventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return envelope.Event switch
        {
            CustomerRegistered e => string.Join(", ", e.Emails),
            InteractionRecorded e => $"{e.Channel}: {e.Subject ?? e.Summary}",
            OrderPlaced e => $"{e.OrderId} · {ConsoleFormat.Money(e.Amount, e.Currency)}",
            TagsChanged e => string.Join(", ", e.Added.Select(t => "+" + t).Concat(e.Removed.Select(t => "−" + t))),
            ConsentChanged e => $"{e.Channel}: {e.Status}",
            LifecycleStageChanged e => $"{e.From} → {e.To}",
            CaseOpened e => e.Subject,
            MessageReceived e => e.Subject ?? e.Text,
            _ => "",
        };
    }
}
