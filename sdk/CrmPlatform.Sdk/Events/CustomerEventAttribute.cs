namespace CrmPlatform.Sdk.Events;

/// <summary>
/// Gives an event type the stable alias and schema version that identify it in the log and on the
/// wire, independent of its CLR name (for example <c>crm.customer.stage-changed</c>, version 1).
/// </summary>
/// <param name="alias">The stable name, never reused for another shape.</param>
/// <param name="version">The schema version; a breaking change is a new version.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class CustomerEventAttribute(string alias, int version) : Attribute
{
    /// <summary>The stable name of the event type.</summary>
    public string Alias { get; } = alias;

    /// <summary>The schema version of the event type.</summary>
    public int Version { get; } = version;

    /// <summary>The alias and version as one string, for example <c>crm.customer.registered.v1</c>.</summary>
    public string TypeName => $"{Alias}.v{Version}";
}
