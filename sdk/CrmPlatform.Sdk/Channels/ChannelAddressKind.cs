namespace CrmPlatform.Sdk.Channels;

/// <summary>Which of a customer's addresses a channel sends to.</summary>
public enum ChannelAddressKind
{
    /// <summary>The customer's primary email address.</summary>
    Email,

    /// <summary>The customer's primary phone number, in E.164 form.</summary>
    Phone,

    /// <summary>An identity the channel itself gave the customer (for example a web chat visitor id).</summary>
    ChannelIdentity,
}
