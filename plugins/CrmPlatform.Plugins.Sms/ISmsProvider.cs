using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Sms;

/// <summary>
/// An SMS provider's send API. It makes one attempt and says what came of it; the platform retries
/// transient failures with backoff, so an implementation must not retry on its own.
/// </summary>
public interface ISmsProvider
{
    /// <summary>Hands <paramref name="submission"/> to the provider: sent with its id, or a transient or permanent failure.</summary>
    Task<SendResult> SendAsync(SmsSubmission submission, CancellationToken cancellationToken);
}
