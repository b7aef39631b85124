using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;
using CrmPlatform.Sdk.Service;

namespace CrmPlatform.Sdk.Tests;

/// <summary>One filled-in sample of every event type, keyed by its stable name.</summary>
internal static class SampleEvents
{
    public static IReadOnlyDictionary<string, ICustomerEvent> ByName { get; } = Create()
        .ToDictionary(e => CustomerEventTypes.NameOf(e.GetType()), StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. ByName.Keys.Order(StringComparer.Ordinal)];

    private static IEnumerable<ICustomerEvent> Create()
    {
        yield return new CustomerRegistered(
            CustomerKind.Person,
            "Ada",
            "Lovelace",
            null,
            "Analytical Engines Ltd",
            ["ada@example.com", "ada.work@example.com"],
            ["+44 20 7946 0000"],
            new Dictionary<string, JsonElement>
            {
                ["loyaltyPoints"] = JsonSerializer.SerializeToElement(42),
                ["segment"] = JsonSerializer.SerializeToElement("premium"),
                ["newsletter"] = JsonSerializer.SerializeToElement(true),
                ["nested"] = JsonDocument.Parse("""{"a":[1,2.5,null,"x"]}""").RootElement.Clone(),
            },
            "web-form");
        yield return new ProfileUpdated(
            null,
            "Byron",
            null,
            "Difference Engines",
            ["ada@example.org"],
            null,
            new Dictionary<string, JsonElement>
            {
                ["segment"] = JsonSerializer.SerializeToElement("standard"),
                ["birthday"] = JsonDocument.Parse("null").RootElement.Clone(),
            });
        yield return new LifecycleStageChanged(LifecycleStage.Decline, LifecycleStage.Growth, "Won back by a new order.", "win-back-order");
        yield return new InteractionRecorded("i-7", "web-chat", InteractionDirection.Outbound, "Follow-up", "Asked about the renewal.");
        yield return new OrderPlaced(
            "o-1001",
            1_234.56m,
            "EUR",
            [new OrderLine("SKU-1", "Widget", 3m, 400m), new OrderLine("SKU-2", null, 0.5m, 69.12m)]);
        yield return new OrderCancelled("o-1001", 1_234.56m, "EUR", "Customer changed their mind.");
        yield return new CaseOpened("case-3", CaseKind.ServiceRequest, CasePriority.Urgent, "Broken widget", null);
        yield return new CaseResolved("case-3", CaseKind.ServiceRequest, "Replaced the widget.", 5);
        yield return new ConsentChanged("sms", ConsentStatus.Withdrawn, "Replied STOP to a text.");
        yield return new TagsChanged(["vip", "newsletter"], ["trial"]);
        yield return new OwnerAssigned("agent:grace", null);
        yield return new InsightUpdated("churn-risk", 0.125, "low", "analytics:churn");
        yield return new MessageRequested("m-1", "sms", "+442079460000", null, "welcome", new Dictionary<string, string> { ["name"] = "Ada" });
        yield return new MessageRefused("m-2", "sms", "consent", "The customer withdrew consent to messages on 'sms'.");
        yield return new MessageSent("m-1", "sms", "SM123");
        yield return new MessageDelivered("m-1", "sms", "SM123");
        yield return new MessageBounced("m-3", "email", "<abc@mail>", "ada@example.com", true, "550 no such user");
        yield return new MessageFailed("m-4", "email", null, "Rejected content.");
        yield return new MessageReceived("sms", "SM999", "STOP", null, null, null, "+442079460000", "Ada");
        yield return new OpportunityOpened("opp-1", "Fleet renewal", 12_000.50m, "EUR", new DateOnly(2025, 3, 31), "agent:grace", OpportunityStage.Prospecting, 10);
        yield return new OpportunityStageMoved(OpportunityStage.Prospecting, OpportunityStage.Proposal, 50);
        yield return new OpportunityTermsChanged(15_000m, "EUR", new DateOnly(2025, 4, 30));
        yield return new OpportunityWon(OpportunityStage.Negotiation, 15_000m, "EUR");
        yield return new OpportunityLost(OpportunityStage.Proposal, "Chose a competitor.");
        yield return new OpportunityReopened(OpportunityStage.Proposal, 50);
        yield return new ServiceCaseOpened("cs-1", CaseKind.TechnicalSupport, CasePriority.High, "Router drops", "Every hour.", "network", ["router"], "support", "agent:grace", null, "o-7", "p-router");
        yield return new CaseStatusChanged(CaseStatus.Open, CaseStatus.Resolved, "Firmware updated.");
        yield return new CaseAssigned("support", "agent:grace");
        yield return new CaseClassified(CasePriority.Urgent, "network", ["router", "vip"]);
        yield return new CaseNoteAdded("n-1", "Called the customer.", true);
        yield return new CaseSlaScheduled("sla-vip", [new CaseSlaDeadline(SlaMetric.FirstResponse, new DateTimeOffset(2025, 1, 6, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 6, 12, 0, 0, TimeSpan.Zero))]);
        yield return new CaseSlaWarned(SlaMetric.Resolution, new DateTimeOffset(2025, 1, 7, 12, 0, 0, TimeSpan.Zero));
        yield return new CaseSlaBreached(SlaMetric.FirstResponse, new DateTimeOffset(2025, 1, 6, 12, 0, 0, TimeSpan.Zero));
        yield return new CaseReplyRequested("m-1", "email", "We have sent a new router.");
        yield return new CaseReplySent("m-1", new DateTimeOffset(2025, 1, 6, 10, 5, 0, TimeSpan.Zero));
        yield return new CaseMessageReceived("email", "prov-9", "Thanks, it works.", "Re: Router drops", new DateTimeOffset(2025, 1, 7, 8, 0, 0, TimeSpan.Zero));
        yield return new CaseReopened("case-3", CaseKind.Complaint, CasePriority.High, "Late delivery");
    }
}
