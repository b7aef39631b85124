using PhoneNumbers;

namespace CrmPlatform.Plugins.Sms;

/// <summary>Normalises recipient numbers to E.164 with libphonenumber.</summary>
public static class SmsPhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// <paramref name="number"/> in E.164 form (for example <c>+442079460000</c>), read in
    /// <paramref name="defaultRegion"/> when it has no country code; null when it is not a valid number.
    /// </summary>
    /// <param name="number">A phone number as written (spaces, dashes, brackets and a leading 00 or + are fine).</param>
    /// <param name="defaultRegion">ISO 3166 two-letter region of numbers without a country code.</param>
    public static string? ToE164(string? number, string defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(number, defaultRegion);
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
