using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace CrmPlatform.Grains.Customers.Validation;

/// <summary>The rules for single fields, shared by every command (and by the API for ids in routes).</summary>
public static partial class CustomerFields
{
    /// <summary>The longest name (first, last, organisation, company).</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest subject.</summary>
    public const int MaxSubjectLength = 300;

    /// <summary>The longest free text (summary, description, reason, resolution).</summary>
    public const int MaxTextLength = 4_000;

    /// <summary>The most emails or phones a customer may have.</summary>
    public const int MaxContactPoints = 10;

    /// <summary>The most tags a customer may have.</summary>
    public const int MaxTags = 100;

    /// <summary>True for ids of customers, orders, cases and interactions: 1–64 of A–Z a–z 0–9 . _ : - starting with a letter or digit.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>Checks an id field.</summary>
    public static void Id(FieldErrors errors, string field, string? value, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }
        }
        else if (!IsValidId(value))
        {
            errors.Add(field, "Must be 1–64 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        }
    }

    /// <summary>Checks a text field: no control characters, within a length.</summary>
    public static void Text(FieldErrors errors, string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is not null)
            {
                errors.Add(field, required ? "Required." : "Must not be blank; leave it out instead.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"Must be at most {maxLength} characters.");
        }

        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, "Must not contain control characters.");
        }
    }

    /// <summary>Checks a list of email addresses.</summary>
    public static void Emails(FieldErrors errors, string field, IReadOnlyList<string>? emails)
    {
        if (emails is null)
        {
            return;
        }

        if (emails.Count > MaxContactPoints)
        {
            errors.Add(field, $"At most {MaxContactPoints} addresses.");
        }

        for (var i = 0; i < emails.Count; i++)
        {
            if (!IsEmail(emails[i]))
            {
                errors.Add($"{field}[{i}]", "Not a valid email address.");
            }
        }

        if (emails.Distinct(StringComparer.OrdinalIgnoreCase).Count() != emails.Count)
        {
            errors.Add(field, "Contains the same address twice.");
        }
    }

    /// <summary>
    /// Checks a list of phone numbers and returns them in E.164 form (null when the list is null or
    /// invalid): each must be a valid number in international form, or of <paramref name="defaultRegion"/>.
    /// </summary>
    public static IReadOnlyList<string>? Phones(FieldErrors errors, string field, IReadOnlyList<string>? phones, string? defaultRegion = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (phones is null)
        {
            return null;
        }

        if (phones.Count > MaxContactPoints)
        {
            errors.Add(field, $"At most {MaxContactPoints} numbers.");
        }

        var normalised = new string[phones.Count];
        var valid = true;
        for (var i = 0; i < phones.Count; i++)
        {
            if (E164.ToE164(phones[i], defaultRegion) is { } number)
            {
                normalised[i] = number;
                continue;
            }

            valid = false;
            errors.Add($"{field}[{i}]", defaultRegion is null
                ? "Not a valid phone number; give it in international form, for example +44 20 7946 0000."
                : $"Not a valid phone number in international form or of region {defaultRegion}.");
        }

        if (valid && normalised.Distinct(StringComparer.Ordinal).Count() != normalised.Length)
        {
            errors.Add(field, "Contains the same number twice.");
        }

        return valid ? normalised : null;
    }

    /// <summary>Checks a channel name: lower-case letters, digits and '-', up to 32.</summary>
    public static void Channel(FieldErrors errors, string field, string? channel)
    {
        if (channel is null || !ChannelPattern().IsMatch(channel))
        {
            errors.Add(field, "Must be 1–32 lower-case letters, digits or '-', starting with a letter (for example 'email').");
        }
    }

    /// <summary>Checks a tag: 1–64 letters, digits, spaces or . _ : - starting with a letter or digit, in any script.</summary>
    public static bool IsValidTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    /// <summary>Checks an ISO 4217 currency code in use, in upper case.</summary>
    public static bool IsValidCurrency(string? currency) => Iso4217.IsCurrency(currency);

    /// <summary>True for a plain address such as <c>ada@example.com</c> (no display name).</summary>
    public static bool IsEmail(string? value)
    {
        if (value is null || value.Length > 254 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        return MailAddress.TryCreate(value, out var address)
            && string.Equals(address.Address, value, StringComparison.Ordinal)
            && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Formats a number for messages.</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9\-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}\p{M} ._:\-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
