using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Reports;

/// <summary>A customer entered <paramref name="To"/> at <paramref name="At"/>.</summary>
public sealed record StageChange(DateTimeOffset At, LifecycleStage To);
