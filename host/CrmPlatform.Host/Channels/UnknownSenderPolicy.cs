namespace CrmPlatform.Host.Channels;

/// <summary>What happens to an inbound message whose sender matches no customer.</summary>
public enum UnknownSenderPolicy
{
    /// <summary>Register the sender as a new Prospect and record the message there.</summary>
    CreateProspect = 0,

    /// <summary>Record nothing on any customer; the drop is listed with the rejected requests.</summary>
    Drop = 1,
}
