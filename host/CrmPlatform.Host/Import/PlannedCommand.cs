using CrmPlatform.Grains.Abstractions.Commands;

namespace CrmPlatform.Host.Import;

/// <summary>
/// One command a row sends. <paramref name="Step"/> ends its idempotency key;
/// <paramref name="WhenRegistered"/> is sent instead when <paramref name="Command"/> registers a
/// customer that already exists (an import that updates a known customer).
/// </summary>
public sealed record PlannedCommand(string Step, CustomerCommand Command, CustomerCommand? WhenRegistered = null);
