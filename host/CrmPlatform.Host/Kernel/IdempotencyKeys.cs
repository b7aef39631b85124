using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Kernel;

/// <summary>The <c>Idempotency-Key</c> request header, which makes a command safe to retry, and its answer header.</summary>
public static class IdempotencyKeys
{
    /// <summary>The request header that makes a command safe to retry.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>The response header set when a retry returned the first result.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request's idempotency key: 1–200 visible ASCII characters, or null when not sent (an error names the header when it is malformed).</summary>
    public static string? Of(HttpContext http, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(errors);
        if (!http.Request.Headers.TryGetValue(Header, out var values))
        {
            return null;
        }

        string? key = values.Count == 1 ? values[0] : null;
        if (key is not { Length: > 0 and <= 200 } || !key.All(c => c is > ' ' and <= '~'))
        {
            errors.Add(Header, "Must be one value of 1–200 visible ASCII characters.");
            return null;
        }

        return key;
    }
}
