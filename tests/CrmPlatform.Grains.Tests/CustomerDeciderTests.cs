using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

public sealed class CustomerDeciderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_Register_TrimsNamesAndDefaultsMissingLists()
    {
        var decision = Decide(new EventStream(), new RegisterCustomer(
            CustomerKind.Person, "  Ada ", "Lovelace", null, null, null, null, null, " web-form "));

        Assert.Null(decision.Refusal);
        Assert.Equal(Now, decision.OccurredAt);
        var registered = Assert.IsType<CustomerRegistered>(Assert.Single(decision.Events));
        Assert.Equal(
            (CustomerKind.Person, "Ada", "Lovelace", (string?)null, (string?)null, "web-form"),
            (registered.Kind, registered.FirstName, registered.LastName, registered.OrganisationName, registered.Company, registered.Source));
        Assert.Empty(registered.Emails);
        Assert.Empty(registered.Phones);
        Assert.Empty(registered.Attributes);
    }

    [Fact]
    public void Decide_RegisterWithBlankOptionalName_IsInvalidOnThatName()
    {
        var decision = Decide(new EventStream(), new RegisterCustomer(
            CustomerKind.Person, "Ada", null, null, " ", null, null, null, null));

        Assert.Equal(["company"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_RegisterOrganisationWithoutName_IsInvalidOnOrganisationName()
    {
        var decision = Decide(new EventStream(), new RegisterCustomer(
            CustomerKind.Organisation, null, null, null, null, null, null, null, null));

        Assert.Equal(["organisationName"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_RegisterWithSeveralProblems_ReportsEachField()
    {
        var decision = Decide(new EventStream(), new RegisterCustomer(
            CustomerKind.Person, null, null, null, null, ["a@example.com", "A@example.com"], ["12"], Attributes(("x", "1")), null));

        Assert.Equal(
            ["attributes.x", "emails", "lastName", "phones[0]"],
            decision.Refusal!.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Decide_AnyCommandBeforeRegistration_IsNotFound()
    {
        var decision = Decide(new EventStream("c-9"), AddTags("vip"));

        Assert.Equal(CommandResult.NotFound("c-9", "Customer 'c-9' does not exist."), decision.Refusal);
    }

    [Fact]
    public void Decide_ChangeStageToTheCurrentStage_WritesNothing()
    {
        var decision = Decide(Registered(), Stage(LifecycleStage.Prospect));

        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_ChangeStageWithWhitespaceReasonToSameStage_IsStillInvalid()
    {
        var decision = Decide(Registered(), Stage(LifecycleStage.Prospect, " "));

        Assert.Equal(["reason"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_ChangeStageWithTooLongReason_IsInvalidOnReason()
    {
        var decision = Decide(Registered(), Stage(LifecycleStage.Acquisition, new string('x', 501)));

        Assert.Equal(["reason"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_ChangeTagsAlreadyAsWished_WritesNothing()
    {
        var stream = Registered().Add(Now, new TagsChanged(["vip"], []));

        var decision = Decide(stream, new ChangeTags(["vip", "vip"], ["absent"]));

        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_ChangeTags_WritesOnlyRealChanges()
    {
        var stream = Registered().Add(Now, new TagsChanged(["vip", "trial"], []));

        var decision = Decide(stream, new ChangeTags(["vip", "new", "new"], ["trial", "absent"]));

        var changed = Assert.IsType<TagsChanged>(Assert.Single(decision.Events));
        Assert.Equal(["new"], changed.Added);
        Assert.Equal(["trial"], changed.Removed);
    }

    [Fact]
    public void Decide_ChangeTagsBadTag_IsInvalidOnThatTag()
    {
        var decision = Decide(Registered(), new ChangeTags(["ok", " bad"], null));

        Assert.Equal(["add[1]"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_ChangeTagsBeyondTheMaximum_IsInvalidOnAdd()
    {
        var stream = Registered().Add(Now, new TagsChanged([.. Enumerable.Range(0, 99).Select(i => $"t{i}")], []));

        Assert.Null(Decide(stream, AddTags("t99")).Refusal);
        Assert.Equal(["add"], Decide(stream, AddTags("t99", "t100")).Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_UpdateProfileWithCurrentValues_WritesNothing()
    {
        var decision = Decide(Registered(), new UpdateProfile("Ada", "Lovelace", null, null, ["ada@example.com"], null, null));

        Assert.Null(decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_UpdateProfile_CarriesOnlyTheChangedMembers()
    {
        var decision = Decide(Registered(), new UpdateProfile("Ada", " King ", null, null, ["ada@example.com"], ["+1 212 555 0100"], null));

        var updated = Assert.IsType<ProfileUpdated>(Assert.Single(decision.Events));
        Assert.Equal(new ProfileUpdated(null, "King", null, null, null, null, null), updated with { Phones = null });
        Assert.Equal(["+12125550100"], updated.Phones);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("+44 20 79")]
    [InlineData("020 7946 0000")]
    [InlineData("call me")]
    public void Decide_RegisterWithInvalidPhone_IsInvalidOnThatPhone(string phone)
    {
        var decision = Decide(new EventStream(), new RegisterCustomer(
            CustomerKind.Person, "Ada", null, null, null, null, ["+44 20 7946 0000", phone], null, null));

        Assert.Equal(["phones[1]"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_RegisterWithLocalPhoneAndDefaultRegion_StoresE164()
    {
        var options = TestCustomerOptions.Create();
        options.DefaultPhoneRegion = "GB";

        var decision = new CustomerDecider("c-1", new CustomerState(), Now, options).Decide(new RegisterCustomer(
            CustomerKind.Person, "Ada", null, null, null, null, ["020 7946 0000", "+1 (212) 555-0100"], null, null));

        Assert.Equal(["+442079460000", "+12125550100"], Assert.IsType<CustomerRegistered>(Assert.Single(decision.Events)).Phones);
    }

    [Fact]
    public void Decide_UpdateProfileRemovingAnAttribute_IsAllowed()
    {
        var decision = Decide(Registered(), new UpdateProfile(null, null, null, null, null, null, Attributes(("segment", "null"))));

        Assert.Null(decision.Refusal);
        Assert.Single(decision.Events);
    }

    [Fact]
    public void Decide_RecordInteractionWithoutId_NumbersItByTheNextSequence()
    {
        var decision = Decide(Registered(), Interaction());

        Assert.Equal("i2", Assert.IsType<InteractionRecorded>(Assert.Single(decision.Events)).InteractionId);
    }

    [Fact]
    public void Decide_RecordInteractionTwice_IsConflict()
    {
        var stream = Registered().Add(Now, new InteractionRecorded("call-1", "phone", InteractionDirection.Inbound, null, null));

        Assert.Equal(CommandStatus.Conflict, Decide(stream, Interaction("call-1")).Refusal?.Status);
    }

    [Fact]
    public void Decide_RecordInteractionInThePast_HappenedThen()
    {
        var decision = Decide(Registered(), new RecordInteraction(null, "sms", InteractionDirection.Outbound, null, null, Now.AddDays(-2)));

        Assert.Equal(Now.AddDays(-2), decision.OccurredAt);
    }

    [Fact]
    public void Decide_RecordInteractionInTheFuture_IsInvalidOnOccurredAt()
    {
        var decision = Decide(Registered(), new RecordInteraction(null, "sms", InteractionDirection.Outbound, null, null, Now.AddMinutes(6)));

        Assert.Equal(["occurredAt"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_RecordInteractionOnBadChannel_IsInvalidOnChannel()
    {
        var decision = Decide(Registered(), new RecordInteraction(null, "E-Mail", InteractionDirection.Inbound, null, null, null));

        Assert.Equal(["channel"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_OpenCaseWithoutId_NumbersItByTheNextSequence()
    {
        var decision = Decide(Registered(), new OpenCase(null, CaseKind.Consultation, CasePriority.Low, " Question ", null));

        Assert.Equal(
            new CaseOpened("case-2", CaseKind.Consultation, CasePriority.Low, "Question", null),
            Assert.Single(decision.Events));
    }

    [Fact]
    public void Decide_ResolveCase_RepeatsTheCaseKind()
    {
        var stream = Registered().Add(Now, new CaseOpened("case-1", CaseKind.ServiceRequest, CasePriority.Normal, "Move", null));

        var decision = Decide(stream, new ResolveCase("case-1", "Done.", 5));

        Assert.Equal(new CaseResolved("case-1", CaseKind.ServiceRequest, "Done.", 5), Assert.Single(decision.Events));
    }

    [Fact]
    public void Decide_SetConsentUnknown_IsInvalidOnStatus()
    {
        var decision = Decide(Registered(), new SetConsent("email", ConsentStatus.Unknown, "form"));

        Assert.Equal(["status"], decision.Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_AssignSameOwner_WritesNothing()
    {
        var stream = Registered().Add(Now, new OwnerAssigned("agent:grace", null));

        Assert.Empty(Decide(stream, new AssignOwner("agent:grace")).Events);
        Assert.Equal([new OwnerAssigned("agent:alan", "agent:grace")], Decide(stream, new AssignOwner("agent:alan")).Events);
        Assert.Equal([new OwnerAssigned(null, "agent:grace")], Decide(stream, new AssignOwner(null)).Events);
    }

    [Fact]
    public void Decide_SetInsightWithoutValueOrLabel_IsInvalidOnValue()
    {
        Assert.Equal(["value"], Decide(Registered(), new SetInsight("churn-risk", null, null, "analytics")).Refusal?.Errors?.Keys);
        Assert.Equal(["value"], Decide(Registered(), new SetInsight("churn-risk", double.NaN, null, "analytics")).Refusal?.Errors?.Keys);
    }

    [Fact]
    public void Decide_SetSameInsight_WritesNothing()
    {
        var stream = Registered().Add(Now, new InsightUpdated("churn-risk", 0.5, null, "analytics"));

        Assert.Empty(Decide(stream, new SetInsight("churn-risk", 0.5, null, "analytics")).Events);
        Assert.Single(Decide(stream, new SetInsight("churn-risk", 0.6, null, "analytics")).Events);
    }

    private static EventStream Registered() => new EventStream()
        .Add(Now.AddDays(-10), new CustomerRegistered(
            CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], [], Attributes(("segment", "\"silver\"")), null));

    private static Decision Decide(EventStream stream, CustomerCommand command) =>
        new CustomerDecider(stream.CustomerId, stream.ToState(), Now, TestCustomerOptions.Create()).Decide(command);
}
