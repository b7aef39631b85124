using System.Globalization;
using System.Net.Sockets;
using CrmPlatform.Sdk.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CrmPlatform.Plugins.Email;

/// <summary>Says whether a failed SMTP conversation may succeed when tried again.</summary>
internal static class SmtpFailures
{
    /// <summary>
    /// A 5xx refusal of the recipient or of the message is permanent; everything else is transient:
    /// 4xx answers, connection failures and time-outs, TLS errors, and authentication failures and
    /// refusals of the sender address (the settings can be fixed, then the retry succeeds).
    /// </summary>
    public static SendResult Classify(Exception exception, EmailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var server = $"{settings.Host}:{settings.Port.ToString(CultureInfo.InvariantCulture)}";
        return exception switch
        {
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } refused when IsPermanent(refused) =>
                SendResult.PermanentFailure($"The SMTP server refused the recipient {refused.Mailbox}: {Answer(refused)}."),
            SmtpCommandException { ErrorCode: SmtpErrorCode.MessageNotAccepted } refused when IsPermanent(refused) =>
                SendResult.PermanentFailure($"The SMTP server refused the message: {Answer(refused)}."),
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } refused => SendResult.TransientFailure(
                $"The SMTP server refused the sender address {settings.FromAddress} ({Answer(refused)}); check the fromAddress setting. Retried, as the settings can be fixed."),
            SmtpCommandException refused => SendResult.TransientFailure($"The SMTP server answered {Answer(refused)}; trying again later."),
            AuthenticationException auth => SendResult.TransientFailure(
                $"SMTP authentication as '{settings.UserName}' failed at {server}: {auth.Message} Check the userName and password settings; the message is retried, as the settings can be fixed."),
            SslHandshakeException tls => SendResult.TransientFailure($"The TLS handshake with {server} failed: {FirstLine(tls.Message)} Check the security setting."),
            SmtpProtocolException protocol => SendResult.TransientFailure($"The SMTP conversation with {server} broke off: {protocol.Message}"),
            SocketException socket => SendResult.TransientFailure($"Could not connect to the SMTP server {server}: {socket.SocketErrorCode}."),
            OperationCanceledException or TimeoutException => SendResult.TransientFailure($"The SMTP server {server} did not answer within {settings.TimeoutSeconds} s."),
            IOException io => SendResult.TransientFailure($"The connection to the SMTP server {server} failed: {io.Message}"),
            ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException =>
                SendResult.TransientFailure($"The SMTP server {server} cannot take the message now: {exception.Message}"),
            _ => SendResult.TransientFailure($"Sending through {server} failed ({exception.GetType().Name}): {exception.Message}"),
        };
    }

    private static bool IsPermanent(SmtpCommandException exception) => (int)exception.StatusCode >= 500;

    private static string Answer(SmtpCommandException exception) =>
        $"{((int)exception.StatusCode).ToString(CultureInfo.InvariantCulture)} {exception.Message}".Trim();

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
