namespace CrmPlatform.Host.Customers;

/// <summary>A page of a customer's timeline, newest first.</summary>
/// <param name="Items">The events.</param>
/// <param name="NextBefore">Pass as <c>before</c> to get older events; null when there are none.</param>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Items, long? NextBefore);
