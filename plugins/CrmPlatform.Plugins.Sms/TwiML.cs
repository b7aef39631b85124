using System.Security;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Sms;

/// <summary>The provider's reply markup for an inbound message.</summary>
internal static class TwiML
{
    public const string ContentType = "application/xml";

    /// <summary>No reply: <c>&lt;Response/&gt;</c>.</summary>
    public static InboundResponse Empty { get; } = new(200, ContentType, "<Response/>");

    /// <summary>Replies <paramref name="text"/> (escaped), or nothing when it is empty.</summary>
    public static InboundResponse Reply(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? Empty
            : new InboundResponse(200, ContentType, $"<Response><Message>{SecurityElement.Escape(text)}</Message></Response>");
}
