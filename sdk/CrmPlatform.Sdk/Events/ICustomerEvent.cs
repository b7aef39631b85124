namespace CrmPlatform.Sdk.Events;

/// <summary>
/// Marks a fact about one customer, as written to the event log. Every implementation is an
/// immutable record carrying a <see cref="CustomerEventAttribute"/> with its stable alias.
/// </summary>
#pragma warning disable CA1040 // A marker interface: events share no members, only their role.
public interface ICustomerEvent;
#pragma warning restore CA1040
