namespace CrmPlatform.Sdk.Service;

/// <summary>What a service-level target measures.</summary>
public enum SlaMetric
{
    /// <summary>From opening to the first response to the customer.</summary>
    FirstResponse = 0,

    /// <summary>From opening to resolution.</summary>
    Resolution = 1,
}
