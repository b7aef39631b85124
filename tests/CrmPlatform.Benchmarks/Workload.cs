using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Benchmarks;

/// <summary>The commands and events of the benchmark: the grain run and the raw-insert run write rows of the same shape and size.</summary>
internal static class Workload
{
    public const string Actor = "benchmark";
    public const string Channel = "email";
    public const string Summary = "Asked about delivery times for the spring order; promised a call back on Monday.";

    public static string CustomerId(string prefix, int index) => $"{prefix}-{index:D6}";

    public static string Subject(int command) => $"Follow-up #{command} on order SO-{10_000 + command}";

    /// <summary>Every command carries a correlation id, as API requests do.</summary>
    public static CommandContext NewContext() => new(Actor, Guid.NewGuid().ToString("N"), null);

    public static RegisterCustomer Registration(int index) =>
        new(CustomerKind.Person, "Ada", $"Lovelace-{index}", null, null, null, null, null, "benchmark");

    /// <summary>The <paramref name="command"/>th interaction of a customer (one event).</summary>
    public static RecordInteraction Interaction(int command) =>
        new(null, Channel, InteractionDirection.Inbound, Subject(command), Summary, null);

    /// <summary>
    /// The event the grain writes for <see cref="Interaction"/> when it is the customer's event
    /// number <paramref name="sequence"/> (the grain names an unnamed interaction <c>i{sequence}</c>).
    /// </summary>
    public static InteractionRecorded InteractionEvent(int command, long sequence) =>
        new($"i{sequence}", Channel, InteractionDirection.Inbound, Subject(command), Summary);

    public static string Percent(double value) => double.IsFinite(value) ? $"{value:P0}" : "n/a";
}
