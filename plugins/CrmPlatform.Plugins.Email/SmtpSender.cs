using MailKit.Security;
using MimeKit;

namespace CrmPlatform.Plugins.Email;

/// <summary>
/// Hands one message to the SMTP server over a connection of its own: connect, authenticate when a
/// user name is set, send, quit. Sends arrive one at a time from the platform's subscription, so a
/// fresh connection per message costs a handshake but never meets a connection the server has
/// silently dropped, and leaves nothing open when the plugin is unloaded.
/// </summary>
internal static class SmtpSender
{
    /// <summary>Sends <paramref name="message"/>; once the server has accepted it, a failure to say goodbye is ignored.</summary>
    public static async Task SendAsync(MimeMessage message, EmailSettings settings, CancellationToken cancellationToken)
    {
        using var client = new EmailSmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
        await client.ConnectAsync(settings.Host.Trim(), settings.Port, SocketOptions(settings.Security), cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password, cancellationToken).ConfigureAwait(false);
        }

        await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The message is accepted: a failed QUIT must not make the platform send it again.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>MailKit's option for <paramref name="security"/>.</summary>
    public static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
