using System.Text.Json;

namespace Contoso.Crm.Pager;

/// <summary>The JSON documents of Contoso Pager's API and webhooks (camelCase property names).</summary>
internal static class PagerWire
{
    /// <summary>camelCase names, case-insensitive reading, numbers never read from strings.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    /// <summary>The body of <c>POST /v1/pages</c>.</summary>
    public sealed record PageRequest(string To, string Text);

    /// <summary>The provider's answer to an accepted page (2xx).</summary>
    public sealed record PageAccepted(string? Id);

    /// <summary>The provider's answer to a refused page (4xx, 5xx).</summary>
    public sealed record PageRefused(string? Message);

    /// <summary>
    /// A webhook: a customer's <c>reply</c> (<see cref="From"/>, <see cref="Text"/>) or the
    /// <c>status</c> of a page the platform sent (<see cref="PageId"/>, <see cref="Status"/>).
    /// Every member is optional here; <see cref="PagerInbound"/> says which one is missing.
    /// </summary>
    public sealed record Webhook(string? Type, string? Id, string? From, string? Text, string? PageId, string? Status);
}
