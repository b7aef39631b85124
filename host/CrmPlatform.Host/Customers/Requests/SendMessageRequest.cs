namespace CrmPlatform.Host.Customers.Requests;

/// <summary>A message to send to the customer: a text, or a template of the channel with its variables.</summary>
/// <param name="Channel">The channel (for example <c>email</c>, <c>sms</c>).</param>
/// <param name="Text">The text, or null when a template is named.</param>
/// <param name="Template">The channel's template, or null when text is given.</param>
/// <param name="Variables">Values for the template's placeholders.</param>
public sealed record SendMessageRequest(string? Channel, string? Text, string? Template, Dictionary<string, string>? Variables);
