using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.TestPlugins.Misbehaving;

/// <summary>Takes the events the integration tests' commands write, and misbehaves on each.</summary>
internal sealed class MisbehavingHandler(Misbehavior misbehavior) :
    IEventHandler<CustomerRegistered>,
    IEventHandler<InteractionRecorded>,
    IEventHandler<TagsChanged>,
    IEventHandler<OrderPlaced>
{
    public Task HandleAsync(Delivery<CustomerRegistered> delivery, CancellationToken cancellationToken) =>
        misbehavior.ActAsync(delivery.Envelope.EventId, cancellationToken);

    public Task HandleAsync(Delivery<InteractionRecorded> delivery, CancellationToken cancellationToken) =>
        misbehavior.ActAsync(delivery.Envelope.EventId, cancellationToken);

    public Task HandleAsync(Delivery<TagsChanged> delivery, CancellationToken cancellationToken) =>
        misbehavior.ActAsync(delivery.Envelope.EventId, cancellationToken);

    public Task HandleAsync(Delivery<OrderPlaced> delivery, CancellationToken cancellationToken) =>
        misbehavior.ActAsync(delivery.Envelope.EventId, cancellationToken);
}
