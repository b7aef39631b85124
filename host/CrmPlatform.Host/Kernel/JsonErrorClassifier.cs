using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Tells why System.Text.Json refused a request body from what the exception carries — the kind of
/// its inner exception and the path of the failing member — checked against the target type's JSON
/// contract, never from the wording of its message. Where those cannot tell (a duplicate member or a
/// <c>null</c> look like a wrong value to the serializer's caller), the body itself is consulted when
/// it was kept.
/// </summary>
internal static class JsonErrorClassifier
{
    /// <summary>Classifies <paramref name="error"/>, thrown reading <paramref name="body"/> (empty when not kept) as <paramref name="target"/> (null when unknown).</summary>
    public static JsonErrorKind Classify(JsonException error, JsonTypeInfo? target, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (error.InnerException)
        {
            // The reader's own exception: the text stopped being JSON at this point.
            case JsonException:
                return JsonErrorKind.InvalidJson;

            // A converter asked the reader for a kind of value the token is not (a number as a
            // string), or the token's text is no such value (a date, a number out of range).
            case InvalidOperationException or FormatException or OverflowException:
                return JsonErrorKind.WrongType;
        }

        var segments = JsonPathSegments.Parse(error.Path);
        if (segments is [.., { Name: { } name }] && OwnerOf(target, segments) is { Kind: JsonTypeInfoKind.Object } owner && !HasMember(owner, name))
        {
            return JsonErrorKind.UnknownField;
        }

        return FromBody(body, segments, target?.Options.PropertyNameCaseInsensitive ?? true);
    }

    /// <summary>The contract of the object that holds the last segment, when the path can be followed through <paramref name="target"/>.</summary>
    private static JsonTypeInfo? OwnerOf(JsonTypeInfo? target, IReadOnlyList<JsonPathSegments.Segment> segments)
    {
        var current = target;
        for (var i = 0; i < segments.Count - 1 && current is not null; i++)
        {
            current = current.Kind switch
            {
                JsonTypeInfoKind.Object when segments[i].Name is { } name => Member(current, name) is { } member ? current.Options.GetTypeInfo(member.PropertyType) : null,
                JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary when current.ElementType is { } element => current.Options.GetTypeInfo(element),
                _ => null,
            };
        }

        return current;
    }

    private static bool HasMember(JsonTypeInfo owner, string name) => Member(owner, name) is not null;

    private static JsonPropertyInfo? Member(JsonTypeInfo owner, string name)
    {
        var comparison = owner.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return owner.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
    }

    /// <summary>
    /// A known member the serializer refused without a reader error: the member named twice in its
    /// object, a <c>null</c> it may not hold, or else a value of the wrong kind (an array for a
    /// string, an unknown enum name).
    /// </summary>
    private static JsonErrorKind FromBody(ReadOnlyMemory<byte> body, IReadOnlyList<JsonPathSegments.Segment> segments, bool caseInsensitive)
    {
        if (body.IsEmpty || segments.Count == 0)
        {
            return JsonErrorKind.WrongType;
        }

        var comparison = caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        try
        {
            // The document reader keeps duplicate members (the serializer is stricter), so both are seen.
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = true });
            var element = document.RootElement;
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                if (segment.Name is { } name)
                {
                    if (element.ValueKind != JsonValueKind.Object)
                    {
                        return JsonErrorKind.WrongType;
                    }

                    var matches = element.EnumerateObject().Where(p => string.Equals(p.Name, name, comparison)).ToList();
                    if (matches.Count > 1)
                    {
                        return JsonErrorKind.Duplicate;
                    }

                    if (matches.Count == 0)
                    {
                        return JsonErrorKind.WrongType;
                    }

                    element = matches[0].Value;
                }
                else if (element.ValueKind == JsonValueKind.Array && segment.Index >= 0 && segment.Index < element.GetArrayLength())
                {
                    element = element[segment.Index];
                }
                else
                {
                    return JsonErrorKind.WrongType;
                }
            }

            return element.ValueKind == JsonValueKind.Null ? JsonErrorKind.Null : JsonErrorKind.WrongType;
        }
        catch (JsonException)
        {
            // The body breaks off after the failing member; its kind cannot be told apart any further.
            return JsonErrorKind.WrongType;
        }
    }
}
