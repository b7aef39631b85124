namespace CrmPlatform.Sdk.Channels;

/// <summary>A consent change an inbound message expresses.</summary>
public enum ConsentDirective
{
    /// <summary>The sender opts in (for example SMS <c>START</c>).</summary>
    OptIn,

    /// <summary>The sender opts out (for example SMS <c>STOP</c>); opt-out always wins.</summary>
    OptOut,
}
