using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

public sealed class MessageDecisionsTests
{
    // 10:00 in Paris: outside the test options' sms quiet hours (22:00–07:00 Europe/Paris).
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_RequestWithConsentAndAddress_RecordsRequestToPrimaryEmail()
    {
        var decision = Decide(Consenting("email"), Email("m-1"));

        Assert.Null(decision.Refusal);
        var requested = Assert.IsType<MessageRequested>(Assert.Single(decision.Events));
        Assert.Equal(("m-1", "email", "ada@example.com", "Hello"), (requested.MessageId, requested.Channel, requested.Recipient, requested.Text));
    }

    [Fact]
    public void Decide_RequestWithoutConsent_IsRefusedOnConsentAndRecorded()
    {
        var decision = Decide(Registered(), Email("m-1"));

        AssertRefused(decision, "consent");
    }

    [Fact]
    public void Decide_RequestAfterOptOut_IsRefusedEvenWhenGrantedBefore()
    {
        var stream = Consenting("email").Add(Now.AddHours(-1), new ConsentChanged("email", ConsentStatus.Withdrawn, "STOP"));

        AssertRefused(Decide(stream, Email("m-1")), "consent");
    }

    [Fact]
    public void Decide_RequestOnUnknownChannel_IsRefusedOnChannel()
    {
        AssertRefused(Decide(Consenting("email"), Email("m-1") with { AddressKind = null }), "channel");
    }

    [Fact]
    public void Decide_RequestLongerThanChannelAllows_IsRefusedOnText()
    {
        AssertRefused(Decide(Consenting("sms"), Sms("m-1", new string('x', 161))), "text");
    }

    [Fact]
    public void Decide_RequestWithoutAddressOfTheKind_IsRefusedOnAddress()
    {
        var stream = new EventStream().Add(Now.AddDays(-1), new CustomerRegistered(
            CustomerKind.Person, "Ada", "Lovelace", null, null, [], [], new Dictionary<string, System.Text.Json.JsonElement>(), null));
        stream.Add(Now.AddDays(-1), new ConsentChanged("sms", ConsentStatus.Granted, "form"));

        AssertRefused(Decide(stream, Sms("m-1")), "address");
    }

    [Fact]
    public void Decide_RequestToAddressThatBouncedForGood_IsRefusedOnAddress()
    {
        var stream = Consenting("email")
            .Add(Now.AddHours(-3), Requested("m-1", "email", "ada@example.com"))
            .Add(Now.AddHours(-3), new MessageSent("m-1", "email", "p-1"))
            .Add(Now.AddHours(-2), new MessageBounced("m-1", "email", "p-1", "ada@example.com", Permanent: true, "no such user"));

        AssertRefused(Decide(stream, Email("m-2")), "address");
    }

    [Fact]
    public void Decide_RequestAfterSoftBounce_IsAccepted()
    {
        var stream = Consenting("email")
            .Add(Now.AddHours(-3), Requested("m-1", "email", "ada@example.com"))
            .Add(Now.AddHours(-3), new MessageSent("m-1", "email", "p-1"))
            .Add(Now.AddHours(-2), new MessageBounced("m-1", "email", "p-1", "ada@example.com", Permanent: false, "mailbox full"));

        Assert.Null(Decide(stream, Email("m-2")).Refusal);
    }

    [Fact]
    public void Decide_RequestOverFrequencyCap_IsRefusedOnFrequencyCap()
    {
        var stream = Consenting("sms")
            .Add(Now.AddHours(-20), Requested("m-1", "sms", "+442079460000"))
            .Add(Now.AddHours(-2), Requested("m-2", "sms", "+442079460000"));

        AssertRefused(Decide(stream, Sms("m-3")), "frequencyCap");
    }

    [Fact]
    public void Decide_RequestOnceCapWindowRolledOn_IsAccepted()
    {
        var stream = Consenting("sms")
            .Add(Now.AddHours(-25), Requested("m-1", "sms", "+442079460000"))
            .Add(Now.AddHours(-2), Requested("m-2", "sms", "+442079460000"));

        Assert.Null(Decide(stream, Sms("m-3")).Refusal);
    }

    [Theory]
    [InlineData(21, 30, true)]   // 22:30 Paris
    [InlineData(5, 59, true)]    // 06:59 Paris
    [InlineData(6, 0, false)]    // 07:00 Paris
    [InlineData(20, 59, false)]  // 21:59 Paris
    public void Decide_RequestAtTimeOfDay_IsRefusedOnlyInQuietHours(int utcHour, int minute, bool refused)
    {
        var at = new DateTimeOffset(2025, 3, 3, utcHour, minute, 0, TimeSpan.Zero);

        var decision = new CustomerDecider("c-1", Consenting("sms").ToState(), at, TestCustomerOptions.Create()).Decide(Sms("m-1"));

        Assert.Equal(refused, decision.Refusal?.Errors?.ContainsKey("quietHours") ?? false);
    }

    [Fact]
    public void Decide_QuietHoursOfSmsOnEmail_DoNotApply()
    {
        var at = new DateTimeOffset(2025, 3, 3, 23, 0, 0, TimeSpan.Zero);

        var decision = new CustomerDecider("c-1", Consenting("email").ToState(), at, TestCustomerOptions.Create()).Decide(Email("m-1"));

        Assert.Null(decision.Refusal);
    }

    [Fact]
    public void Decide_RequestWithTextAndTemplate_IsInvalidOnText()
    {
        var decision = Decide(Consenting("email"), Email("m-1") with { Template = "welcome" });

        Assert.Equal(CommandStatus.Invalid, decision.Refusal?.Status);
        Assert.Equal(["text"], decision.Refusal!.Errors!.Keys);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Decide_SentTwice_SecondChangesNothing()
    {
        var stream = Consenting("email").Add(Now, Requested("m-1", "email", "ada@example.com"));
        var first = Decide(stream, new RecordMessageSent("m-1", "p-1"));
        stream.Add(Now, first.Events[0]);

        var second = Decide(stream, new RecordMessageSent("m-1", "p-1"));

        Assert.IsType<MessageSent>(Assert.Single(first.Events));
        Assert.Null(second.Refusal);
        Assert.Empty(second.Events);
    }

    [Fact]
    public void Decide_ReceiptOfPermanentBounce_RecordsBounceOfRecipient()
    {
        var stream = Consenting("email")
            .Add(Now, Requested("m-1", "email", "ada@example.com"))
            .Add(Now, new MessageSent("m-1", "email", "p-1"));

        var decision = Decide(stream, new RecordReceipt("email", "p-1", ReceiptStatus.Bounced, Permanent: true, "no such user"));

        var bounced = Assert.IsType<MessageBounced>(Assert.Single(decision.Events));
        Assert.Equal(("m-1", "ada@example.com", true), (bounced.MessageId, bounced.Recipient, bounced.Permanent));
    }

    [Fact]
    public void Decide_ReceiptOfUnknownProviderId_IsNotFound()
    {
        var decision = Decide(Consenting("email"), new RecordReceipt("email", "p-x", ReceiptStatus.Delivered, false, null));

        Assert.Equal(CommandStatus.NotFound, decision.Refusal?.Status);
    }

    [Fact]
    public void Decide_SameInboundTwice_SecondChangesNothing()
    {
        var received = new RecordMessageReceived("sms", "in-1", "Hi", null, null, null, "+442079460000", null, null);
        var stream = Consenting("sms");
        stream.Add(Now, Decide(stream, received).Events[0]);

        var again = Decide(stream, received);

        Assert.Null(again.Refusal);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Apply_MessageEvents_TrackStatusByMessageId()
    {
        var state = Consenting("email")
            .Add(Now, Requested("m-1", "email", "ada@example.com"))
            .Add(Now, new MessageSent("m-1", "email", "p-1"))
            .Add(Now, new MessageDelivered("m-1", "email", "p-1"))
            .ToState();

        Assert.Equal((MessageStatus.Delivered, "p-1"), (state.Messages.Find("m-1")?.Status, state.Messages.Find("m-1")?.ProviderMessageId));
    }

    [Fact]
    public void FromSnapshot_OfStateWithMessages_DecidesLikeTheOriginal()
    {
        var stream = Consenting("sms")
            .Add(Now.AddHours(-3), Requested("m-1", "sms", "+442079460000"))
            .Add(Now.AddHours(-3), new MessageSent("m-1", "sms", "p-1"))
            .Add(Now.AddHours(-2), Requested("m-2", "sms", "+442079460000"))
            .Add(Now.AddHours(-1), new MessageReceived("sms", "in-1", "Hi", null, "visitor-1", null, null, null));
        var json = CrmPlatform.Grains.Snapshots.CustomerSnapshotJson.Create(stream.ToState().ToSnapshot());

        var restored = CustomerState.FromSnapshot(CrmPlatform.Grains.Snapshots.CustomerSnapshotJson.Read(json));
        var decision = new CustomerDecider("c-1", restored, Now, TestCustomerOptions.Create()).Decide(Sms("m-3"));

        Assert.Equal((MessageStatus.Sent, "p-1"), (restored.Messages.Find("m-1")?.Status, restored.Messages.Find("m-1")?.ProviderMessageId));
        Assert.Equal("m-1", restored.Messages.FindByProviderId("sms", "p-1")?.MessageId);
        Assert.True(restored.Messages.HasReceived("sms", "in-1"));
        Assert.Equal("visitor-1", restored.Messages.IdentityOn("sms"));
        Assert.Equal(["frequencyCap"], decision.Refusal?.Errors?.Keys);
    }

    private static EventStream Registered() => new EventStream().Add(Now.AddDays(-10), new CustomerRegistered(
        CustomerKind.Person, "Ada", "Lovelace", null, null, ["ada@example.com"], ["+442079460000"],
        new Dictionary<string, System.Text.Json.JsonElement>(), null));

    private static EventStream Consenting(string channel) =>
        Registered().Add(Now.AddDays(-9), new ConsentChanged(channel, ConsentStatus.Granted, "form"));

    private static MessageRequested Requested(string id, string channel, string recipient) =>
        new(id, channel, recipient, "Hello", null, new Dictionary<string, string>());

    private static RequestMessage Email(string id) => new(id, "email", "Hello", null, null, ChannelAddressKind.Email, null);

    private static RequestMessage Sms(string id, string text = "Hello") => new(id, "sms", text, null, null, ChannelAddressKind.Phone, 160);

    private static Decision Decide(EventStream stream, CustomerCommand command) =>
        new CustomerDecider(stream.CustomerId, stream.ToState(), Now, TestCustomerOptions.Create()).Decide(command);

    private static void AssertRefused(Decision decision, string rule)
    {
        Assert.Equal(CommandStatus.Refused, decision.Refusal?.Status);
        Assert.Equal([rule], decision.Refusal!.Errors!.Keys);
        var refused = Assert.IsType<MessageRefused>(Assert.Single(decision.Events));
        Assert.Equal(rule, refused.Reason);
    }
}
