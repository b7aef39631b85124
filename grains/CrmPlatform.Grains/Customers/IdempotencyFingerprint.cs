using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;

namespace CrmPlatform.Grains.Customers;

/// <summary>
/// What an idempotency key is bound to: the caller, the command's kind and its canonical content
/// (the customer is bound by the grain that holds the key). A key reused for a different request
/// must be refused, not answered with the first request's result, or the new command silently never runs.
/// </summary>
internal static class IdempotencyFingerprint
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>
    /// True when the actor chose its own key (an API client, a person); false for the platform's
    /// own writers — channels, plugins, the CSV import, system rules — whose keys are derived from a
    /// source's identity and name the same fact on every redelivery.
    /// </summary>
    public static bool IsCallerChosen(string actor) =>
        actor is not null
        && !actor.StartsWith("channel:", StringComparison.Ordinal)
        && !actor.StartsWith("plugin:", StringComparison.Ordinal)
        && !actor.StartsWith("system:", StringComparison.Ordinal)
        && !actor.StartsWith("import:", StringComparison.Ordinal);

    /// <summary>A SHA-256 over the actor, the command's kind and the command serialised as JSON, in hex.</summary>
    public static string Of(string actor, CustomerCommand command)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        var canonical = command switch
        {
            // What the caller looked up about the channel is not part of the request: a plugin
            // enabled or upgraded between two attempts must not make an honest retry a mismatch.
            RequestMessage message => message with { AddressKind = null, MaxLength = null },
            _ => command,
        };
        var json = JsonSerializer.Serialize(canonical, canonical.GetType(), Canonical);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{actor}\n{command.GetType().Name}\n{json}"));
        return Convert.ToHexStringLower(hash);
    }
}
