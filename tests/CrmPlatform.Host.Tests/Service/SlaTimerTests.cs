using System.Net;
using System.Text.Json;
using CrmPlatform.Grains.EventLog;
using CrmPlatform.Host.Service;
using CrmPlatform.Host.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Host.Tests.Service;

/// <summary>
/// The SLA timer as it runs in the host: the hosted service polls the due index on a fake clock,
/// and the tests only move the clock and read cases through the API. Business hours are Monday to
/// Friday, 09:00 to 17:00 in Berlin (UTC+1 in January).
/// </summary>
public sealed class SlaTimerTests : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // Friday 10 January 2025, 15:00 in Berlin: two business hours are left before the weekend.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 10, 14, 0, 0, TimeSpan.Zero));
    private readonly string _dataDirectory = CrmTestHost.CreateTempDirectory();
    private CrmTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        CrmTestHost.TryDelete(_dataDirectory);
    }

    private Task<CrmTestHost> StartAsync() => CrmTestHost.StartAsync(
        _dataDirectory,
        [
            $"--Crm:Service:Sla:PollInterval={Poll}",
            "--Crm:Service:ReopenWindow=3.00:00:00",

            // The lifecycle scheduler stays out of the way while the clock jumps over the weekend.
            "--Crm:Lifecycle:Interval=45.00:00:00",
        ],
        _time);

    [Fact]
    public async Task HostedTimer_CaseOpenedFridayAfternoon_WarnsAndBreachesMondayAfterARestart_PendingPauses_PriorityChangeReschedules()
    {
        await DefineAsync();
        var customer = await RegisterAsync();
        var deactivated = await OpenAsync(customer, "urgent");
        var paused = await OpenAsync(customer, "urgent");
        var reprioritized = await OpenAsync(customer, "urgent");
        await (await _host.Admin.PostJsonAsync($"api/cases/{paused}/status", Http.Json(new { to = "pending", reason = "Waiting for the serial number." }))).ExpectAsync(HttpStatusCode.OK);

        // 4 business hours to first respond, warning at 75 %: Friday 15:00–17:00, then Monday from 09:00.
        var first = Sla(await GetAsync(deactivated), "firstResponse");
        Assert.Equal(At(2025, 1, 13, 9), first.GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(At(2025, 1, 13, 10), first.GetProperty("dueAt").GetDateTimeOffset());
        var resolution = Sla(await GetAsync(deactivated), "resolution");
        Assert.Equal(At(2025, 1, 14, 10), resolution.GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(At(2025, 1, 14, 14), resolution.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(Sla(await GetAsync(paused), "firstResponse").GetProperty("paused").GetBoolean());

        // A restart: no case grain is in memory any more, and the due index is all the timer has.
        await WaitForCasesAsync();
        await _host.DisposeAsync();
        _host = await StartAsync();

        // Monday 09:30 in Berlin: 2.5 business hours used. The low policy's targets (8 h, 40 h) are left 5.5 h and 37.5 h.
        _time.SetUtcNow(At(2025, 1, 13, 8, 30));
        await (await _host.Admin.PatchJsonAsync($"api/cases/{reprioritized}", Http.Json(new { priority = "low" }))).ExpectAsync(HttpStatusCode.OK);
        var moved = await GetAsync(reprioritized);
        Assert.Equal("sla-low", moved.GetProperty("slaPolicyId").GetString());
        Assert.Equal(At(2025, 1, 13, 12), Sla(moved, "firstResponse").GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(At(2025, 1, 13, 14), Sla(moved, "firstResponse").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(At(2025, 1, 16, 12), Sla(moved, "resolution").GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(At(2025, 1, 17, 14), Sla(moved, "resolution").GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(Sla(await GetAsync(deactivated), "firstResponse").GetProperty("warned").GetBoolean());

        var warned = await StepUntilAsync(deactivated, v => Sla(v, "firstResponse").GetProperty("warned").GetBoolean());
        var warnedAt = RecordedAt(warned, "crm.case.sla-warning.v1");
        Assert.InRange(warnedAt, At(2025, 1, 13, 9), At(2025, 1, 13, 9) + TimeSpan.FromSeconds(30));
        Assert.False(Sla(warned, "firstResponse").GetProperty("breached").GetBoolean());

        var breached = await StepUntilAsync(deactivated, v => Sla(v, "firstResponse").GetProperty("breached").GetBoolean());
        var breachedAt = RecordedAt(breached, "crm.case.sla-breached.v1");
        Assert.InRange(breachedAt, At(2025, 1, 13, 10), At(2025, 1, 13, 10) + TimeSpan.FromSeconds(30));
        Assert.Single(breached.GetProperty("history").EnumerateArray(), h => h.GetProperty("change").GetString() == "crm.case.sla-warning.v1");
        Assert.Equal(CaseGrainActor, History(breached, "crm.case.sla-breached.v1").GetProperty("actor").GetString());

        // The pending case's first response was due at the same instant; its clock stands still.
        var stillPaused = await GetAsync(paused);
        Assert.False(Sla(stillPaused, "firstResponse").GetProperty("warned").GetBoolean());
        Assert.False(Sla(stillPaused, "firstResponse").GetProperty("breached").GetBoolean());
        Assert.False(Sla(await GetAsync(reprioritized), "firstResponse").GetProperty("warned").GetBoolean());

        // Resumed, it has the 4 business hours it had when it paused: 3 to the warning, 4 to the breach.
        await (await _host.Admin.PostJsonAsync($"api/cases/{paused}/status", Http.Json(new { to = "open" }))).ExpectAsync(HttpStatusCode.OK);
        var resumed = await GetAsync(paused);
        var resumedAt = RecordedAt(resumed, "crm.case.status-changed.v1", last: true);
        Assert.Equal(resumedAt + TimeSpan.FromHours(3), Sla(resumed, "firstResponse").GetProperty("warnAt").GetDateTimeOffset());
        Assert.Equal(resumedAt + TimeSpan.FromHours(4), Sla(resumed, "firstResponse").GetProperty("dueAt").GetDateTimeOffset());
        var late = await StepUntilAsync(paused, v => Sla(v, "firstResponse").GetProperty("breached").GetBoolean(), TimeSpan.FromMinutes(1));
        Assert.InRange(RecordedAt(late, "crm.case.sla-breached.v1"), resumedAt + TimeSpan.FromHours(4), resumedAt + TimeSpan.FromHours(4) + TimeSpan.FromMinutes(2));

        // Past the reprioritized case's new first-response due instant (Monday 15:00 in Berlin) it breached too, not before.
        var reprioritizedBreached = await StepUntilAsync(reprioritized, v => Sla(v, "firstResponse").GetProperty("breached").GetBoolean(), TimeSpan.FromMinutes(1));
        Assert.True(RecordedAt(reprioritizedBreached, "crm.case.sla-breached.v1") >= At(2025, 1, 13, 14));
    }

    private const string CaseGrainActor = "system:sla";

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static JsonElement Sla(JsonElement view, string metric) =>
        Assert.Single(view.GetProperty("sla").EnumerateArray(), s => s.GetProperty("metric").GetString() == metric);

    private static JsonElement History(JsonElement view, string change) =>
        view.GetProperty("history").EnumerateArray().Last(h => h.GetProperty("change").GetString() == change);

    private static DateTimeOffset RecordedAt(JsonElement view, string change, bool last = false) =>
        (last ? History(view, change) : view.GetProperty("history").EnumerateArray().First(h => h.GetProperty("change").GetString() == change))
            .GetProperty("at").GetDateTimeOffset();

    /// <summary>
    /// Moves the clock a step at a time (the first step at most to where the timer has a reason to
    /// look, then by <paramref name="step"/>) until the hosted timer has done what
    /// <paramref name="done"/> looks for. The test never calls the timer itself.
    /// </summary>
    private async Task<JsonElement> StepUntilAsync(string caseId, Func<JsonElement, bool> done, TimeSpan? step = null)
    {
        var view = await GetAsync(caseId);
        var next = view.GetProperty("sla").EnumerateArray()
            .SelectMany(s => new[] { s.GetProperty("warnAt").GetDateTimeOffset(), s.GetProperty("dueAt").GetDateTimeOffset() })
            .Where(d => d > _time.GetUtcNow())
            .DefaultIfEmpty(_time.GetUtcNow())
            .Min();
        if (next - _time.GetUtcNow() > TimeSpan.FromMinutes(1))
        {
            await WaitForCasesAsync();
            _time.SetUtcNow(next - TimeSpan.FromMinutes(1));
        }

        for (var i = 0; i < 600; i++)
        {
            _time.Advance(step ?? Poll);
            await Task.Delay(20, TestContext.Current.CancellationToken);
            view = await GetAsync(caseId);
            if (done(view))
            {
                return view;
            }
        }

        throw new TimeoutException($"The timer did not act on case {caseId} by {_time.GetUtcNow():O}: {view}");
    }

    private async Task DefineAsync()
    {
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "09:00", end = "17:00" });
        await (await _host.Admin.PutJsonAsync("api/cases/calendars/cal-berlin", Http.Json(new { timeZone = "Europe/Berlin", hours = weekdays, holidays = Array.Empty<string>() }))).ExpectAsync(HttpStatusCode.OK);
        await (await _host.Admin.PutJsonAsync("api/cases/sla-policies/sla-urgent", Http.Json(new { calendarId = "cal-berlin", priorities = new[] { "urgent" }, firstResponseMinutes = 240, resolutionMinutes = 960 }))).ExpectAsync(HttpStatusCode.OK);
        await (await _host.Admin.PutJsonAsync("api/cases/sla-policies/sla-low", Http.Json(new { calendarId = "cal-berlin", priorities = new[] { "low" }, firstResponseMinutes = 480, resolutionMinutes = 2400 }))).ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<string> RegisterAsync()
    {
        var id = ApiHostFixture.NewId("sla");
        await (await _host.Admin.PostJsonAsync("api/customers", Http.Json(new { id, firstName = "Sla", lastName = "Timer" }))).ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    private async Task<string> OpenAsync(string customerId, string priority)
    {
        var body = Http.Json(new { customerId, kind = "technicalSupport", priority, subject = "Router drops" });
        var opened = await (await _host.Admin.PostJsonAsync("api/cases", body)).ExpectAsync(HttpStatusCode.Created);
        return opened.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string caseId) =>
        await (await _host.Admin.GetRouteAsync($"api/cases/{caseId}")).ExpectAsync(HttpStatusCode.OK);

    private async Task WaitForCasesAsync()
    {
        var head = await _host.GetService<IEventLog>().GetHeadPositionAsync(TestContext.Current.CancellationToken);
        await _host.GetService<CaseProjector>().WaitForAsync(head, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }
}
