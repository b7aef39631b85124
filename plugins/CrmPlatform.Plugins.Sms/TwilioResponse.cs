using System.Net;
using System.Text.Json;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Sms;

/// <summary>Reads the send API's answer: <c>sid</c> on success, <c>code</c> and <c>message</c> on error.</summary>
internal static class TwilioResponse
{
    public static SendResult ToSendResult(HttpResponseMessage response, string body, string to, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var (sid, code, message) = Read(body);
        if (response.IsSuccessStatusCode)
        {
            return string.IsNullOrWhiteSpace(sid)
                ? SendResult.TransientFailure($"The SMS provider answered {status} without a message sid.")
                : SendResult.Sent(sid);
        }

        var detail = (code is { } c ? TwilioErrorCodes.Describe(c) : "no error code") + (string.IsNullOrWhiteSpace(message) ? "" : ": " + message);
        if (code is { } known && TwilioErrorCodes.IsPermanentSendError(known))
        {
            return SendResult.PermanentFailure($"The SMS provider refused the message to {to}: {detail}.");
        }

        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests =>
                SendResult.TransientFailure($"The SMS provider is throttling sends (429, {detail}).", RetryAfter(response, now)),
            >= HttpStatusCode.InternalServerError =>
                SendResult.TransientFailure($"The SMS provider failed ({status}, {detail}).", RetryAfter(response, now)),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound =>
                SendResult.TransientFailure($"The SMS provider refused the account ({status}, {detail}): check baseUrl, accountSid and authToken in the plugin's settings."),
            HttpStatusCode.RequestTimeout =>
                SendResult.TransientFailure($"The SMS provider timed out ({status}, {detail})."),
            _ => SendResult.PermanentFailure($"The SMS provider refused the message to {to} ({status}, {detail})."),
        };
    }

    private static (string? Sid, int? Code, string? Message) Read(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            var sid = root.TryGetProperty("sid", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            int? code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : null;
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (sid, code, message);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
