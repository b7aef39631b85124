using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainMessageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ExecuteAsync_RefusedRequest_RecordsRefusalAndRetryDecidesAfresh()
    {
        var id = await fixture.RegisterAsync();

        var refused = await fixture.SendAsync(id, Email("m-1"), idempotencyKey: "send-1");
        await fixture.AcceptAsync(id, new SetConsent("email", ConsentStatus.Granted, "form"));
        var retried = await fixture.SendAsync(id, Email("m-1"), idempotencyKey: "send-1");

        Assert.Equal(CommandStatus.Refused, refused.Status);
        Assert.Equal(["consent"], refused.Errors!.Keys);
        Assert.IsType<MessageRefused>(fixture.Log.StreamOf(id)[(int)refused.FirstSequence - 1].Event);
        Assert.Equal(CommandStatus.Accepted, retried.Status);
        Assert.Equal(MessageStatus.Requested, (await fixture.Customer(id).GetMessageAsync("m-1"))?.Status);
    }

    [Fact]
    public async Task ExecuteAsync_SentRecordedTwice_WritesOneEventAndSurvivesReactivation()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, new SetConsent("email", ConsentStatus.Granted, "form"));
        await fixture.AcceptAsync(id, Email("m-1"));

        await fixture.AcceptAsync(id, new RecordMessageSent("m-1", "p-1"));
        await fixture.DeactivateAsync(id);
        var again = await fixture.SendAsync(id, new RecordMessageSent("m-1", "p-1"));

        Assert.Equal(CommandStatus.Unchanged, again.Status);
        Assert.Single(fixture.Log.StreamOf(id), e => e.Event is MessageSent);
        Assert.Equal("p-1", (await fixture.Customer(id).GetMessageAsync("m-1"))?.ProviderMessageId);
    }

    [Fact]
    public async Task ExecuteAsync_SmsInQuietHours_IsRefusedUntilTheyEnd()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, new SetConsent("sms", ConsentStatus.Granted, "form"));
        AdvanceToParisTime(new TimeOnly(23, 0));

        var night = await fixture.SendAsync(id, Sms("m-1"));
        AdvanceToParisTime(new TimeOnly(7, 30));
        var morning = await fixture.SendAsync(id, Sms("m-2"));

        Assert.Equal(["quietHours"], night.Errors!.Keys);
        Assert.Equal(CommandStatus.Accepted, morning.Status);
    }

    private void AdvanceToParisTime(TimeOnly target)
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var now = fixture.Clock.GetUtcNow();
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, paris).DateTime);
        var ahead = target - local;
        fixture.Clock.Advance(ahead == TimeSpan.Zero ? TimeSpan.FromDays(1) : ahead);
    }

    private static RequestMessage Email(string id) => new(id, "email", "Hello", null, null, ChannelAddressKind.Email, null);

    private static RequestMessage Sms(string id) => new(id, "sms", "Hello", null, null, ChannelAddressKind.Phone, 160);
}
