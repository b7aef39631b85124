namespace CrmPlatform.Plugins.Sms;

/// <summary>How an SMS text is encoded on the air.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit default alphabet: 160 units in one message, 153 per part of a longer one.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16), used when any character is outside GSM-7: 70 units in one message, 67 per part.</summary>
    Ucs2,
}
