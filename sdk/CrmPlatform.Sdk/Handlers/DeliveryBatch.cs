using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Handlers;

/// <summary>Events delivered together to an <see cref="IBatchEventHandler"/>.</summary>
/// <param name="Events">The events, in log order.</param>
/// <param name="Crm">Commands back into the platform, scoped to this batch: writes are idempotent across redeliveries of the batch.</param>
/// <param name="Attempt">1 for the first delivery, more for retries.</param>
public sealed record DeliveryBatch(IReadOnlyList<EventEnvelope> Events, ICrm Crm, int Attempt);
