using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Grains.Tests;

/// <summary>Short ways to write the commands the tests send. Lists are arrays: Orleans serializes them.</summary>
internal static class TestCommands
{
    public const string Actor = "user:test";

    public static CommandContext Context(string? idempotencyKey = null) => new(Actor, "corr-test", idempotencyKey);

    public static RegisterCustomer RegisterPerson(
        string? firstName = "Ada",
        string? lastName = "Lovelace",
        string[]? emails = null,
        IReadOnlyDictionary<string, JsonElement>? attributes = null) =>
        new(CustomerKind.Person, firstName, lastName, null, null, emails ?? ["ada@example.com"], ["+44 20 7946 0000"], attributes, "test");

    public static ChangeStage Stage(LifecycleStage to, string? reason = "Test move.") => new(to, reason);

    public static PlaceOrder Order(string orderId, decimal amount, string currency = "EUR", DateTimeOffset? placedAt = null) =>
        new(orderId, amount, currency, null, placedAt);

    public static PlaceOrder OrderOfLines(string orderId, decimal? amount, params OrderLine[] lines) =>
        new(orderId, amount, "EUR", lines, null);

    public static RecordInteraction Interaction(string? id = null) =>
        new(id, "email", InteractionDirection.Inbound, "Question", "Asked about prices.", null);

    public static ChangeTags AddTags(params string[] tags) => new(tags, null);

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public static Dictionary<string, JsonElement> Attributes(params (string Name, string Json)[] attributes) =>
        attributes.ToDictionary(a => a.Name, a => Json(a.Json), StringComparer.Ordinal);
}
