namespace CrmPlatform.Plugins.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, no TLS (only for a relay on a trusted network or loopback).</summary>
    None,

    /// <summary>Connect in plain text and require <c>STARTTLS</c> (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on connect for port 465, otherwise <c>STARTTLS</c> when the server offers it.</summary>
    Auto,
}
