using CrmPlatform.Host.Kernel;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using Polly;
using Polly.Retry;

namespace CrmPlatform.Host.Import;

/// <summary>
/// Sends a planned row's commands to its customer's grain, in order, each with the idempotency key
/// <c>{row key}:{step}</c>: a row sent again (a re-run, or a resumed job) is replayed, never written twice.
/// A transient failure of the cluster (a silo dying, a timeout, an unknown outcome) is retried with
/// backoff under the same key, so it neither fails the job nor writes anything twice.
/// </summary>
public sealed class ImportRowSender(IGrainFactory grains, TimeProvider time)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
            MaxRetryAttempts = 6,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .Build();

    /// <summary>Sends the row; on a refusal stops and returns the reasons by field.</summary>
    public async Task<(RowOutcome Outcome, ImportRowError? Error)> SendAsync(PlannedRow row, string actor, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(row);
        var grain = grains.GetGrain<ICustomerGrain>(row.CustomerId);
        var wrote = false;
        foreach (var planned in row.Commands)
        {
            var result = await ExecuteAsync(grain, planned.Command, new CommandContext(actor, correlationId, $"{row.KeyBase}:{planned.Step}"));
            if (result.Status == CommandStatus.Conflict && planned.WhenRegistered is { } update)
            {
                // Already registered (by an earlier import or the API): bring the profile up to date instead.
                result = await ExecuteAsync(grain, update, new CommandContext(actor, correlationId, $"{row.KeyBase}:profile"));
            }

            if (!result.Succeeded)
            {
                return (RowOutcome.Failed, new ImportRowError(row.Line, Reasons(planned.Step, result)));
            }

            wrote |= result.Status == CommandStatus.Accepted;
        }

        return (wrote ? RowOutcome.Imported : RowOutcome.Unchanged, null);
    }

    private Task<CommandResult> ExecuteAsync(ICustomerGrain grain, CustomerCommand command, CommandContext context) =>
        _retry.ExecuteAsync(async _ => await grain.ExecuteAsync(command, context)).AsTask();

    private static IReadOnlyDictionary<string, string[]> Reasons(string step, CommandResult result) =>
        result.Errors is { Count: > 0 } errors
            ? errors
            : new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [step switch { "order" => result.Status == CommandStatus.NotFound ? "customerId" : "orderId", "register" => "id", _ => step }] =
                    [result.Detail ?? result.Status.ToString()],
            };
}
