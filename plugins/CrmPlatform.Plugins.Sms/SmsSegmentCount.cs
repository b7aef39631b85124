namespace CrmPlatform.Plugins.Sms;

/// <summary>How an SMS text is sent: its encoding, its length in that encoding's units and the number of messages (segments) it takes.</summary>
/// <param name="Encoding">GSM-7 when every character is in the GSM 03.38 alphabet, otherwise UCS-2.</param>
/// <param name="Units">Septets for GSM-7 (an extension character takes two), UTF-16 code units for UCS-2 (a character outside the BMP takes two).</param>
/// <param name="Segments">The number of SMS messages the text is split into; 0 for an empty text.</param>
public sealed record SmsSegmentCount(SmsEncoding Encoding, int Units, int Segments);
