using System.Globalization;
using System.Text;
using CrmPlatform.Sdk.Channels;
using MimeKit;
using MimeKit.Utils;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// Reads a delivery status notification (RFC 3464: <c>multipart/report; report-type=delivery-status</c>)
/// into one receipt per recipient, for the original message's Message-ID.
/// </summary>
internal static class DeliveryStatusReader
{
    /// <summary>True when <paramref name="message"/> is a delivery status notification.</summary>
    public static bool IsDeliveryStatus(MimeMessage message) =>
        message.Body is MultipartReport report && string.Equals(report.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The receipts: a 5.x.x status is a permanent bounce, 4.x.x (or a delay) a failure that may
    /// still pass, 2.x.x a delivery. Throws <see cref="InboundFormatException"/> when the report names
    /// no original message or carries no per-recipient status.
    /// </summary>
    public static IReadOnlyList<DeliveryReceipt> Read(MimeMessage message, DateTimeOffset now)
    {
        if (message.Body is not MultipartReport report)
        {
            throw new InboundFormatException("Content-Type", "The message is not a multipart/report.");
        }

        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault()
            ?? throw new InboundFormatException("message/delivery-status", "The delivery status notification has no message/delivery-status part.");
        var groups = status.StatusGroups;
        var perMessage = groups.Count > 0 ? groups[0] : [];
        var originalId = OriginalMessageId(report, perMessage)
            ?? throw new InboundFormatException(
                "Original-Envelope-Id",
                "The delivery status notification names no original message: no message/rfc822 or text/rfc822-headers part with a Message-ID, and no Original-Envelope-Id.");

        var fallbackTime = Date(perMessage["Arrival-Date"]) ?? (message.Date == DateTimeOffset.MinValue ? now : message.Date);
        var receipts = new List<DeliveryReceipt>();
        foreach (var recipient in groups.Skip(1))
        {
            var code = recipient["Status"]?.Trim();
            var action = recipient["Action"]?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(action))
            {
                continue;
            }

            var (receiptStatus, permanent) = Outcome(code, action);
            receipts.Add(new DeliveryReceipt(originalId, receiptStatus, permanent, Reason(recipient, code, action), Date(recipient["Last-Attempt-Date"]) ?? fallbackTime));
        }

        return receipts.Count > 0
            ? receipts
            : throw new InboundFormatException("Status", "The delivery status notification has no per-recipient Action or Status field.");
    }

    private static (ReceiptStatus Status, bool Permanent) Outcome(string? code, string? action) => code?.FirstOrDefault() switch
    {
        '5' => (ReceiptStatus.Bounced, true),
        '4' => (ReceiptStatus.Failed, false),
        '2' => (ReceiptStatus.Delivered, false),
        _ => action switch
        {
            "failed" => (ReceiptStatus.Bounced, true),
            "delayed" => (ReceiptStatus.Failed, false),
            _ => (ReceiptStatus.Delivered, false),
        },
    };

    private static string Reason(HeaderList recipient, string? code, string? action)
    {
        var text = new StringBuilder();
        text.Append($"{action ?? "unknown"} {code ?? string.Empty}".TrimEnd());
        if (recipient["Final-Recipient"] is { } finalRecipient)
        {
            text.Append(CultureInfo.InvariantCulture, $" for {Unprefixed(finalRecipient)}");
        }

        if (recipient["Diagnostic-Code"] is { } diagnostic)
        {
            text.Append(CultureInfo.InvariantCulture, $": {Unprefixed(diagnostic)}");
        }

        return text.ToString();
    }

    private static string? OriginalMessageId(MultipartReport report, HeaderList perMessage)
    {
        // message/rfc822 and text/rfc822-headers are both MessageParts in MimeKit.
        var original = report.OfType<MessagePart>().FirstOrDefault()?.Message?.MessageId;
        if (!string.IsNullOrWhiteSpace(original))
        {
            return original;
        }

        var envelopeId = perMessage["Original-Envelope-Id"];
        return string.IsNullOrWhiteSpace(envelopeId) ? null : XText(envelopeId.Trim()).Trim('<', '>');
    }

    /// <summary>Decodes RFC 3461 xtext (<c>+XX</c> hex escapes).</summary>
    private static string XText(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '+' && i + 2 < value.Length && byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                text.Append((char)b);
                i += 2;
            }
            else
            {
                text.Append(value[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>"rfc822; ann@example.com" → "ann@example.com"; "smtp; 550 …" → "550 …".</summary>
    private static string Unprefixed(string value)
    {
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? value : value[(semicolon + 1)..]).Trim();
    }

    private static DateTimeOffset? Date(string? value) =>
        value is not null && DateUtils.TryParse(value, out var date) ? date : null;
}
