namespace CrmPlatform.Sdk.Testing;

/// <summary>One call a plugin made through <see cref="Crm.ICrm"/>, as <see cref="RecordingCrm"/> saw it.</summary>
/// <param name="Method">The <see cref="Crm.ICrm"/> method, for example <c>SetInsightAsync</c>.</param>
/// <param name="CustomerId">The customer the call was about.</param>
/// <param name="Arguments">The call's other arguments in order, without the customer id and the cancellation token.</param>
/// <param name="IdempotencyKey">
/// The key the platform would write with: <c>plugin:{pluginId}:{eventId:N}:{n}</c> in a delivery
/// (<c>plugin:{pluginId}:batch:{firstEventId:N}:{lastEventId:N}:{n}</c> in a batch handler),
/// <c>plugin:{pluginId}:job:{jobName}:{startedAt:O}:{n}</c> in a job run; null for reads.
/// </param>
/// <param name="Result">The answer; null for <see cref="Crm.ICrm.GetCustomerAsync"/>.</param>
public sealed record CrmCall(
    string Method,
    string CustomerId,
    IReadOnlyList<object?> Arguments,
    string? IdempotencyKey,
    Crm.CrmResult? Result);
