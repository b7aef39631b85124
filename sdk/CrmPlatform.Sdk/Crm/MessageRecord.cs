namespace CrmPlatform.Sdk.Crm;

/// <summary>A message to send to a customer.</summary>
/// <param name="Channel">The channel (for example <c>email</c>, <c>sms</c>).</param>
/// <param name="Text">The text, or null when a template is used.</param>
/// <param name="Template">The template's name, or null when text is given.</param>
/// <param name="Variables">Values for the template's placeholders.</param>
public sealed record MessageRecord(string Channel, string? Text, string? Template, IReadOnlyDictionary<string, string>? Variables);
