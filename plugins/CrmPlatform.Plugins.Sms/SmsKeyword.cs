namespace CrmPlatform.Plugins.Sms;

/// <summary>What an inbound text asks for, by the CTIA keywords.</summary>
public enum SmsKeyword
{
    /// <summary>An ordinary message.</summary>
    None,

    /// <summary>STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT: no more messages.</summary>
    OptOut,

    /// <summary>START, YES or UNSTOP: messages again.</summary>
    OptIn,

    /// <summary>HELP or INFO: how to reach the business and how to stop.</summary>
    Help,
}
