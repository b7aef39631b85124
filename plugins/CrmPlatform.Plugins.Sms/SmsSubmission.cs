namespace CrmPlatform.Plugins.Sms;

/// <summary>A text the channel has checked and hands to the provider.</summary>
/// <param name="To">The recipient, in E.164 form.</param>
/// <param name="Body">The text.</param>
/// <param name="MessageId">The platform's id of the message, for logs.</param>
/// <param name="IdempotencyKey">The same on every attempt of the message.</param>
public sealed record SmsSubmission(string To, string Body, string MessageId, string IdempotencyKey);
