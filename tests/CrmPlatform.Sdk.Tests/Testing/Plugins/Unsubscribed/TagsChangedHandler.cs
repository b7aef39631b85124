using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Handlers;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Unsubscribed;

internal sealed class TagsChangedHandler : IEventHandler<TagsChanged>
{
    public Task HandleAsync(Delivery<TagsChanged> delivery, CancellationToken cancellationToken) => Task.CompletedTask;
}
