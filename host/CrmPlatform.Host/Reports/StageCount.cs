using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Reports;

/// <summary>How many customers are in a lifecycle stage.</summary>
public sealed record StageCount(LifecycleStage Stage, long Customers);
