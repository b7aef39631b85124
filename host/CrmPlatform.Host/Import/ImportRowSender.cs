using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Sends a planned row's commands to its customer's grain, in order, each with the idempotency key
/// <c>{row key}:{step}</c>: a row sent again (a re-run, or a resumed job) is replayed, never written twice.
/// </summary>
public sealed class ImportRowSender(IGrainFactory grains)
{
    /// <summary>Sends the row; on a refusal stops and returns the reasons by field.</summary>
    public async Task<(RowOutcome Outcome, ImportRowError? Error)> SendAsync(PlannedRow row, string actor, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(row);
        var grain = grains.GetGrain<ICustomerGrain>(row.CustomerId);
        var wrote = false;
        foreach (var planned in row.Commands)
        {
            var result = await grain.ExecuteAsync(planned.Command, new CommandContext(actor, correlationId, $"{row.KeyBase}:{planned.Step}"));
            if (result.Status == CommandStatus.Conflict && planned.WhenRegistered is { } update)
            {
                // Already registered (by an earlier import or the API): bring the profile up to date instead.
                result = await grain.ExecuteAsync(update, new CommandContext(actor, correlationId, $"{row.KeyBase}:profile"));
            }

            if (!result.Succeeded)
            {
                return (RowOutcome.Failed, new ImportRowError(row.Line, Reasons(planned.Step, result)));
            }

            wrote |= result.Status == CommandStatus.Accepted;
        }

        return (wrote ? RowOutcome.Imported : RowOutcome.Unchanged, null);
    }

    private static IReadOnlyDictionary<string, string[]> Reasons(string step, CommandResult result) =>
        result.Errors is { Count: > 0 } errors
            ? errors
            : new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [step switch { "order" => result.Status == CommandStatus.NotFound ? "customerId" : "orderId", "register" => "id", _ => step }] =
                    [result.Detail ?? result.Status.ToString()],
            };
}
