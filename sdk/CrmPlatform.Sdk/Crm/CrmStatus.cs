namespace CrmPlatform.Sdk.Crm;

/// <summary>How a write through <see cref="ICrm"/> ended.</summary>
public enum CrmStatus
{
    /// <summary>Events were written.</summary>
    Accepted = 0,

    /// <summary>The same write was already made (same idempotency key); nothing new was written.</summary>
    Replayed = 1,

    /// <summary>Valid, but it changed nothing.</summary>
    Unchanged = 2,

    /// <summary>Refused: invalid input, a conflict with the customer's state, or a veto.</summary>
    Refused = 3,

    /// <summary>There is no such customer.</summary>
    NotFound = 4,
}
