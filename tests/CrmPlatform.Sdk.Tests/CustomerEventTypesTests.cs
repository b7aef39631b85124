using System.Reflection;
using System.Text.RegularExpressions;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Tests;

public sealed class CustomerEventTypesTests
{
    private static readonly Type[] EventTypes = typeof(ICustomerEvent).Assembly
        .GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(ICustomerEvent).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void NameOf_StageChanged_IsItsStableAlias()
    {
        Assert.Equal("crm.customer.stage-changed.v1", CustomerEventTypes.NameOf(typeof(LifecycleStageChanged)));
    }

    [Fact]
    public void Names_EveryEventTypeOfTheSdk_HasOneUniqueStableName()
    {
        var names = EventTypes.Select(CustomerEventTypes.NameOf).ToArray();

        Assert.Equal(37, EventTypes.Length);
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), CustomerEventTypes.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_EveryName_IsAliasDotVersionOfTheAttribute()
    {
        foreach (var type in EventTypes)
        {
            var attribute = type.GetCustomAttribute<CustomerEventAttribute>();

            Assert.NotNull(attribute);
            Assert.Equal($"{attribute.Alias}.v{attribute.Version}", CustomerEventTypes.NameOf(type));
            Assert.Matches(new Regex(@"^crm\.(customer|opportunity|case)\.[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$"), CustomerEventTypes.NameOf(type));
        }
    }

    [Fact]
    public void Names_AllEvents_AreTheDocumentedAliases()
    {
        string[] expected =
        [
            "crm.case.assigned.v1",
            "crm.case.classified.v1",
            "crm.case.message-received.v1",
            "crm.case.note-added.v1",
            "crm.case.opened.v1",
            "crm.case.reply-requested.v1",
            "crm.case.reply-sent.v1",
            "crm.case.sla-breached.v1",
            "crm.case.sla-scheduled.v1",
            "crm.case.sla-warning.v1",
            "crm.case.status-changed.v1",
            "crm.customer.case-opened.v1",
            "crm.customer.case-reopened.v1",
            "crm.customer.case-resolved.v1",
            "crm.customer.consent-changed.v1",
            "crm.customer.insight-updated.v1",
            "crm.customer.interaction-recorded.v1",
            "crm.customer.message-bounced.v1",
            "crm.customer.message-delivered.v1",
            "crm.customer.message-failed.v1",
            "crm.customer.message-received.v1",
            "crm.customer.message-refused.v1",
            "crm.customer.message-requested.v1",
            "crm.customer.message-sent.v1",
            "crm.customer.order-cancelled.v1",
            "crm.customer.order-placed.v1",
            "crm.customer.owner-assigned.v1",
            "crm.customer.profile-updated.v1",
            "crm.customer.registered.v1",
            "crm.customer.stage-changed.v1",
            "crm.customer.tags-changed.v1",
            "crm.opportunity.lost.v1",
            "crm.opportunity.opened.v1",
            "crm.opportunity.reopened.v1",
            "crm.opportunity.stage-moved.v1",
            "crm.opportunity.terms-changed.v1",
            "crm.opportunity.won.v1",
        ];

        Assert.Equal(expected, CustomerEventTypes.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TryResolve_EveryName_GivesTheTypeNameOfNamesIt()
    {
        foreach (var type in EventTypes)
        {
            Assert.True(CustomerEventTypes.TryResolve(CustomerEventTypes.NameOf(type), out var resolved));
            Assert.Equal(type, resolved);
        }
    }

    [Fact]
    public void TryResolve_UnknownName_ReturnsFalse()
    {
        Assert.False(CustomerEventTypes.TryResolve("crm.customer.stage-changed.v2", out _));
        Assert.False(CustomerEventTypes.TryResolve("CRM.CUSTOMER.STAGE-CHANGED.V1", out _));
    }

    [Fact]
    public void NameOf_TypeThatIsNoEvent_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CustomerEventTypes.NameOf(typeof(string)));
    }

    [Fact]
    public void Type_Envelope_IsTheStableNameOfItsEvent()
    {
        var envelope = new EventEnvelope(
            Guid.NewGuid(), "c-1", 1, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "test", null, null,
            new OwnerAssigned("agent:grace", null));

        Assert.Equal("crm.customer.owner-assigned.v1", envelope.Type);
    }
}
