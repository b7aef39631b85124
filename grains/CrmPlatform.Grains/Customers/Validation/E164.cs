using PhoneNumbers;

namespace CrmPlatform.Grains.Customers.Validation;

/// <summary>Phone numbers in E.164 form (<c>+442079460000</c>), checked against the numbering plans libphonenumber knows.</summary>
public static class E164
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The number in E.164 form, or null when it is not a valid number. A number without a country
    /// code is read as a number of <paramref name="defaultRegion"/> (ISO 3166 code, for example <c>GB</c>);
    /// without a default region it must start with <c>+</c>.
    /// </summary>
    public static string? ToE164(string? number, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Length > 40)
        {
            return null;
        }

        try
        {
            var parsed = Util.Parse(number, string.IsNullOrEmpty(defaultRegion) ? "ZZ" : defaultRegion.ToUpperInvariant());
            return Util.IsValidNumber(parsed) ? Util.Format(parsed, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
