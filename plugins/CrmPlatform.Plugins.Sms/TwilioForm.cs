using System.Text;
using CrmPlatform.Sdk.Channels;

namespace CrmPlatform.Plugins.Sms;

/// <summary>An <c>application/x-www-form-urlencoded</c> webhook body, decoded.</summary>
internal sealed class TwilioForm
{
    public const string MediaType = "application/x-www-form-urlencoded";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TwilioForm(List<KeyValuePair<string, string>> parameters) => Parameters = parameters;

    /// <summary>Every parameter, in body order; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    /// <summary>True when <paramref name="contentType"/> is the form media type (any parameters, such as a charset, allowed).</summary>
    public static bool IsForm(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes the body of <paramref name="request"/>; throws <see cref="InboundFormatException"/> when it is not a UTF-8 form.</summary>
    public static TwilioForm Read(InboundRequest request)
    {
        if (!IsForm(request.ContentType))
        {
            throw new InboundFormatException("Content-Type", $"The SMS webhook body must be {MediaType}, not '{request.ContentType ?? "(none)"}'.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(request.Body.Span);
        }
        catch (DecoderFallbackException exception)
        {
            throw new InboundFormatException("body", "The SMS webhook body is not UTF-8: " + exception.Message);
        }

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? string.Empty : Decode(pair[(separator + 1)..]);
            if (name.Length == 0)
            {
                throw new InboundFormatException("body", "The SMS webhook body has a parameter without a name.");
            }

            parameters.Add(new(name, value));
        }

        return new TwilioForm(parameters);
    }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? Get(string name) =>
        Parameters.FirstOrDefault(p => p.Key.Equals(name, StringComparison.Ordinal)) is { Key: not null } found ? found.Value : null;

    /// <summary>The value of <paramref name="name"/>; throws <see cref="InboundFormatException"/> naming it when it is missing or blank.</summary>
    public string Require(string name, bool allowEmpty = false)
    {
        var value = Get(name);
        if (value is null || (!allowEmpty && string.IsNullOrWhiteSpace(value)))
        {
            throw new InboundFormatException(name, $"The SMS webhook has no {name}.");
        }

        return value;
    }

    private static string Decode(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));
}
