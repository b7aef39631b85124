using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Tests;

public sealed class CustomerEventTypesTests
{
    [Fact]
    public void NameOf_StageChanged_IsItsStableAlias()
    {
        Assert.Equal("crm.customer.stage-changed.v1", CustomerEventTypes.NameOf(typeof(LifecycleStageChanged)));
    }
}
