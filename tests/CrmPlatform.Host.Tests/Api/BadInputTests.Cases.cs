using System.Net;
using CrmPlatform.Host.Tests.Infrastructure;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>Bad input on the routes of <c>/api/cases</c>: 400 naming the field, nothing written.</summary>
public sealed partial class BadInputTests
{
    private static string OpenCaseBody(string customerId) =>
        Http.Json(new { customerId, kind = "technicalSupport", priority = "normal", subject = "Router drops" });

    public static TheoryData<string, string, string, string> BadCaseRequests => new()
    {
        { "POST", "api/cases", """{"customerId": "{customer}", "subject": "x"}""", "kind" },
        { "POST", "api/cases", """{"customerId": "{customer}", "kind": "complaint"}""", "subject" },
        { "POST", "api/cases", """{"customerId": "{customer}", "kind": "panic", "subject": "x"}""", "kind" },
        { "POST", "api/cases", """{"customerId": "{customer}", "kind": "complaint", "subject": "x", "tags": ["-starts-with-a-dash"]}""", "tags[0]" },
        { "POST", "api/cases", """{"kind": "complaint", "subject": "x"}""", "customerId" },
        { "POST", "api/cases/{case}/status", """{"to": "resolved"}""", "reason" },
        { "POST", "api/cases/{case}/status", """{"reason": "x"}""", "to" },
        { "POST", "api/cases/{case}/assign", """{}""", "owner" },
        { "POST", "api/cases/{case}/notes", """{"text": ""}""", "text" },
        { "POST", "api/cases/{case}/notes", """{"text": 5}""", "text" },
        { "PATCH", "api/cases/{case}", """{"priority": "panic"}""", "priority" },
        { "POST", "api/cases/{case}/replies", """{"text": "Hello"}""", "channel" },
        { "POST", "api/cases/{case}/replies", """{"channel": "Not A Channel", "text": "Hello"}""", "channel" },
        { "POST", "api/cases/{case}/replies", """{"channel": "test", "text": "  "}""", "text" },
        { "POST", "api/cases/{case}/replies", """{"channel": "test", "text": 5}""", "text" },
        { "PUT", "api/cases/queues/q-bad", """{"members": []}""", "members" },
        { "PUT", "api/cases/queues/q-bad", """{"members": ["ann", "ann"]}""", "members" },
        { "PUT", "api/cases/queues/q-bad", """{"members": ["ann"], "maxActivePerAgent": 0}""", "maxActivePerAgent" },
        { "PUT", "api/cases/calendars/cal-bad", """{"timeZone": "Mars/Olympus", "hours": [{"day": "monday", "start": "09:00", "end": "17:00"}]}""", "timeZone" },
        { "PUT", "api/cases/calendars/cal-bad", """{"timeZone": "Europe/Berlin", "hours": [{"day": "monday", "start": "17:00", "end": "09:00"}]}""", "hours[0].end" },
        { "PUT", "api/cases/sla-policies/sla-bad", """{"firstResponseMinutes": 0}""", "firstResponseMinutes" },
        { "PUT", "api/cases/sla-policies/sla-bad", """{"resolutionMinutes": 60, "calendarId": "cal-missing"}""", "calendarId" },
    };

    [Theory]
    [MemberData(nameof(BadCaseRequests))]
    public async Task CaseRoutes_BadInput_Return400NamingTheFieldAndWriteNothing(string method, string route, string json, string field)
    {
        var customer = await Api.RegisterAsync(ApiHostFixture.NewId("bad"));
        var opened = await (await Api.Agent.PostJsonAsync("api/cases", OpenCaseBody(customer))).ExpectAsync(HttpStatusCode.Created);
        var caseId = opened.GetProperty("id").GetString()!;
        var url = route.Replace("{case}", caseId, StringComparison.Ordinal);
        var body = json.Replace("{customer}", customer, StringComparison.Ordinal);
        var head = await Api.HeadAsync();

        var response = method switch
        {
            "POST" => await Api.Agent.PostJsonAsync(url, body),
            "PATCH" => await Api.Agent.PatchJsonAsync(url, body),
            _ => await Api.Admin.PutJsonAsync(url, body),
        };
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {problem}");
        Assert.Equal(head, await Api.HeadAsync());
        var policies = await (await Api.Reader.GetRouteAsync("api/cases/sla-policies")).ExpectAsync(HttpStatusCode.OK);
        var queues = await (await Api.Reader.GetRouteAsync("api/cases/queues")).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(policies.EnumerateArray(), p => p.GetProperty("id").GetString() == "sla-bad");
        Assert.DoesNotContain(queues.EnumerateArray(), q => q.GetProperty("id").GetString() == "q-bad");
    }
}
