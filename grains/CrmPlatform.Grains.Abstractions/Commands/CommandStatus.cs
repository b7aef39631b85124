namespace CrmPlatform.Grains.Abstractions.Commands;

/// <summary>How a command ended.</summary>
[GenerateSerializer, Alias("crm.command-status")]
public enum CommandStatus
{
    /// <summary>Events were written.</summary>
    Accepted = 0,

    /// <summary>A command with the same idempotency key was already accepted; nothing was written.</summary>
    Replayed = 1,

    /// <summary>The command was valid but changed nothing.</summary>
    Unchanged = 2,

    /// <summary>The command's fields are invalid; see the errors.</summary>
    Invalid = 3,

    /// <summary>No customer has this id (or the referenced order or case does not exist).</summary>
    NotFound = 4,

    /// <summary>The command conflicts with the customer's state (for example a forbidden stage transition).</summary>
    Conflict = 5,

    /// <summary>A plugin's command hook refused the command; the detail names the plugin and its reason.</summary>
    Vetoed = 6,

    /// <summary>
    /// The platform's contact rules refused the command (no consent, no usable address, a frequency
    /// cap, quiet hours, an unknown channel); the refusal itself was recorded as an event and the
    /// errors name the rule.
    /// </summary>
    Refused = 7,

    /// <summary>
    /// The idempotency key was already used for a different request (another caller, command kind
    /// or content); nothing was written and the first request's result is not returned.
    /// </summary>
    KeyReused = 8,
}
