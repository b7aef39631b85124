using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Host.Tests.ReadModel;

/// <summary>The lookups inbound messages resolve their senders with.</summary>
public abstract partial class CustomerReadModelContractTests
{
    [Fact]
    public async Task FindByContactAsync_EmailAnyCaseOrPhone_FindsThePrimaryContactPointsOnly()
    {
        var model = await OpenAsync();
        var ada = new EventSequence("ada", this);
        var twin = new EventSequence("twin", this);
        var other = new EventSequence("other", this);
        await model.ApplyAsync(
            [
                ada.Next(With("ada@example.com", "+442079460000", "second@example.com")),
                twin.Next(With("ADA@example.com", "+442079460001")),
                other.Next(With("other@example.com", "+442079460002", "ada2@example.com")),
            ],
            Checkpoint, "EUR", Cancel);

        Assert.Equal(["ada", "twin"], await model.FindByContactAsync("Ada@Example.com", null, 10, Cancel));
        Assert.Equal(["twin"], await model.FindByContactAsync(null, "+442079460001", 10, Cancel));
        Assert.Empty(await model.FindByContactAsync("second@example.com", "+44 20 7946 0002", 10, Cancel));
    }

    private static CustomerRegistered With(string email, string phone, params string[] moreEmails) =>
        new(CustomerKind.Person, "A", "B", null, null, [email, .. moreEmails], [phone], new Dictionary<string, System.Text.Json.JsonElement>(), null);
}
