namespace CrmPlatform.Sdk.Service;

/// <summary>Where a service case stands: new → open → pending → resolved → closed; a resolved case can be reopened within a window.</summary>
public enum CaseStatus
{
    /// <summary>Opened, nobody has worked on it yet.</summary>
    New = 0,

    /// <summary>Being worked on.</summary>
    Open = 1,

    /// <summary>Waiting on the customer or a third party; the SLA clock is paused.</summary>
    Pending = 2,

    /// <summary>Solved; the customer may still reopen it within the reopen window.</summary>
    Resolved = 3,

    /// <summary>Finished for good.</summary>
    Closed = 4,
}
