namespace CrmPlatform.Plugins.Sms;

/// <summary>The provider's error codes that say a number will never receive messages.</summary>
internal static class TwilioErrorCodes
{
    /// <summary>Codes of the send API that make a send a permanent failure whatever the HTTP status.</summary>
    private static readonly Dictionary<int, string> PermanentSendErrors = new()
    {
        [21211] = "invalid 'To' phone number",
        [21214] = "'To' phone number cannot be reached",
        [21217] = "phone number does not appear to be valid",
        [21401] = "invalid phone number",
        [21407] = "this phone number type does not support SMS",
        [21408] = "permission to send to this region is not enabled",
        [21610] = "the recipient has unsubscribed (replied STOP)",
        [21612] = "the 'To' number is not reachable on this route",
        [21614] = "'To' number is not a valid mobile number",
        [21617] = "the message body exceeds the provider's length limit",
    };

    /// <summary>Codes of delivery receipts that say the address is bad for good (a hard bounce).</summary>
    private static readonly Dictionary<int, string> PermanentReceiptErrors = new()
    {
        [30003] = "unreachable destination handset",
        [30004] = "message blocked by the recipient",
        [30005] = "unknown destination handset",
        [30006] = "landline or unreachable carrier",
        [21610] = "the recipient has unsubscribed (replied STOP)",
        [21614] = "'To' number is not a valid mobile number",
    };

    private static readonly Dictionary<int, string> OtherReceiptErrors = new()
    {
        [30001] = "queue overflow",
        [30002] = "account suspended",
        [30007] = "message filtered by the carrier",
        [30008] = "unknown error",
    };

    /// <summary>True when a send refused with <paramref name="code"/> will never succeed for this number.</summary>
    public static bool IsPermanentSendError(int code) => PermanentSendErrors.ContainsKey(code);

    /// <summary>True when a receipt with <paramref name="code"/> says the number will never work.</summary>
    public static bool IsPermanentReceiptError(int code) => PermanentReceiptErrors.ContainsKey(code);

    /// <summary>The code with its meaning, for reasons: <c>error 30005 (unknown destination handset)</c>.</summary>
    public static string Describe(int code) =>
        PermanentReceiptErrors.TryGetValue(code, out var text) || PermanentSendErrors.TryGetValue(code, out text) || OtherReceiptErrors.TryGetValue(code, out text)
            ? $"error {code} ({text})"
            : $"error {code}";
}
