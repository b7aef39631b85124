using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Crm;

/// <summary>An interaction to record.</summary>
/// <param name="Channel">The channel (for example <c>email</c>, <c>phone</c>).</param>
/// <param name="Direction">Who started it.</param>
/// <param name="Subject">A short subject line.</param>
/// <param name="Summary">What was said, in short.</param>
public sealed record InteractionRecord(string Channel, InteractionDirection Direction, string? Subject, string? Summary);
