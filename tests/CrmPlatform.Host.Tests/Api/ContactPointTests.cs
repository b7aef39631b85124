using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>Phone numbers are checked with libphonenumber and stored in E.164 form; a bad one gets 400 naming it.</summary>
[Collection(ApiHostGroup.Name)]
public sealed class ContactPointTests(ApiHostFixture api)
{
    [Fact]
    public async Task Register_PhonesInAnyInternationalForm_AreStoredInE164()
    {
        var id = ApiHostFixture.NewId("e164");

        await (await api.Agent.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Ada", phones = new[] { "+44 20 7946 0000", "+1 (212) 555-0100" } })))
            .ExpectAsync(HttpStatusCode.Created);

        var customer = await (await api.Agent.GetRouteAsync($"api/customers/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["+442079460000", "+12125550100"], customer.GetProperty("phones").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task UpdateProfile_InvalidPhoneOrEmail_Is400NamingEachAndChangesNothing()
    {
        var id = await api.RegisterAsync(ApiHostFixture.NewId("bad-phone"));
        var head = await api.HeadAsync();

        await (await api.Agent.PatchJsonAsync($"api/customers/{id}", Http.Json(new { phones = new[] { "+44 20 7946 0000", "020 7946" }, emails = new[] { "ada@" } })))
            .ExpectInvalidAsync("phones[1]", "emails[0]");

        Assert.Equal(head, await api.HeadAsync());
    }
}
