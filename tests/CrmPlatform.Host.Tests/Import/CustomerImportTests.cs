using System.Net;
using System.Text;
using CrmPlatform.Host.Tests.Infrastructure;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>Customer imports through the real host: mapping, bad rows, re-runs.</summary>
public sealed class CustomerImportTests : IAsyncLifetime
{
    private const string Mapping = """
        {
          "columns": {
            "Id": "id", "First": "firstName", "Last": "lastName", "Mail": "email", "Sector": "attributes.industry",
            "Staff": "attributes.employees", "News": "attributes.newsletter", "Born": "attributes.birthDate",
            "Churn": "stage", "Labels": "tags"
          },
          "values": { "Churn": { "Yes": "terminated", "No": "" } }
        }
        """;

    private const string Header = "Id,First,Last,Mail,Sector,Staff,News,Born,Churn,Labels\n";

    private CrmTestHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await CrmTestHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Import_WithMapping_CreatesCustomersWithFieldsAttributesAndStage()
    {
        var csv = Header
            + "ada,Ada,Lovelace,ada@example.com,software,12,yes,1815-12-10,No,vip; maths\n"
            + "\"grace\",Grace,\"Hopper, Rear Admiral\",grace@example.com,navy,,0,,Yes,\n";

        var job = await _host.Admin.ImportAsync("customers", Mapping, csv);

        Assert.Equal(("completed", 2L, 2L, 0L, 0L), (job.State, job.RowsRead, job.Imported, job.Unchanged, job.Failed));
        Assert.Equal(100, job.Percent);
        var ada = (await _host.CustomerAsync("ada"))!;
        Assert.Equal(("Ada", "Lovelace", LifecycleStage.Prospect), (ada.FirstName, ada.LastName, ada.Stage));
        Assert.Equal(["ada@example.com"], ada.Emails);
        Assert.Equal(["maths", "vip"], ada.Tags.Order());
        Assert.Equal("software", ada.Attributes["industry"].GetString());
        Assert.Equal(12, ada.Attributes["employees"].GetInt64());
        Assert.True(ada.Attributes["newsletter"].GetBoolean());
        Assert.Equal("1815-12-10", ada.Attributes["birthDate"].GetString());
        var grace = (await _host.CustomerAsync("grace"))!;
        Assert.Equal(("Hopper, Rear Admiral", LifecycleStage.Terminated), (grace.LastName, grace.Stage));
        Assert.False(grace.Attributes["newsletter"].GetBoolean());
        Assert.False(grace.Attributes.ContainsKey("employees"));
    }

    [Fact]
    public async Task Import_BrokenRows_ImportsGoodRowsAndReportsEachBadOneWithLineAndField()
    {
        var csv = new MemoryStream();
        void Write(string text) => csv.Write(Encoding.UTF8.GetBytes(text));
        Write(Header);
        Write("c1,Ann,One,ann@example.com,,,,,,\n");                 // line 2: good
        Write("c2,Bob,Two,not-an-email,,,,,,\n");                    // line 3: bad email
        Write("c3,Cat,Three,,,,,1999-02-30,,\n");                    // line 4: bad date
        Write("c4,Dan,Four,,,-5,,,,\n");                             // line 5: negative employees
        Write("c5,Eve,Five,,,,,,Maybe,\n");                          // line 6: unknown stage
        csv.Write([.. "c6,Fran"u8, 0xE7, .. "ois,Six,,,,,,,\n"u8]); // line 7: Latin-1, not UTF-8
        Write("c7,Gus,Seven,,,,,,,\n");                              // line 8: good
        Write("c8,Hal\n");                                           // line 9: too few fields
        Write("bad id!,Ivy,Nine,,,,,,,\n");                          // line 10: bad id

        var job = await _host.Admin.ImportAsync("customers", Mapping, csv.ToArray());

        Assert.Equal(("completed", 9L, 2L, 7L), (job.State, job.RowsRead, job.Imported, job.Failed));
        Assert.NotNull(await _host.CustomerAsync("c1"));
        Assert.NotNull(await _host.CustomerAsync("c7"));
        Assert.Null(await _host.CustomerAsync("c2"));
        Assert.Null(await _host.CustomerAsync("c6"));
        var errors = await _host.Admin.ErrorsAsync(job.Id);
        Assert.Equal(
            ["3: email[0]", "4: attributes.birthDate", "5: attributes.employees", "6: stage", "7: row", "9: row", "10: id"],
            ImportApi.Describe(errors));
        Assert.Contains("not valid UTF-8", errors.Items.Single(e => e.Line == 7).Errors["row"][0], StringComparison.Ordinal);
        Assert.Contains("Maybe", errors.Items.Single(e => e.Line == 6).Errors["stage"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"columns":{"Id":"id","Colour":"favouriteColour"}}""", "mapping.columns.Colour")]
    [InlineData("""{"columns":{"Id":"id","Colour":"attributes.colour"}}""", "mapping.columns.Colour")]
    [InlineData("""{"columns":{"Nope":"id"}}""", "mapping.columns.Nope")]
    [InlineData("""{"columns":{"First":"firstName"}}""", "mapping.columns")]
    [InlineData("""not json""", "mapping")]
    public async Task Upload_BadMapping_Returns400BeforeAnythingIsStored(string mapping, string field)
    {
        using var response = await _host.Admin.UploadAsync("customers", mapping, Header + "x,A,B,,,,,,,\n");

        await response.ExpectInvalidAsync(field);
    }

    [Fact]
    public async Task Upload_NotMultipartOrUnknownKind_IsRefused()
    {
        using var plain = await _host.Admin.PostAsync("/api/imports?kind=customers", new StringContent(Header, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        using var kind = await _host.Admin.UploadAsync("invoices", Mapping, Header);
        using var anonymous = await _host.Anonymous.UploadAsync("customers", Mapping, Header);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        await kind.ExpectInvalidAsync("kind");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Import_SameFileAgain_WritesNothing_AndAChangedRowOnce()
    {
        var csv = Header + "r1,Rita,Rerun,rita@example.com,retail,3,true,,Yes,a\n" + "r2,Rob,Rerun,,,,,,No,\n";
        await _host.Admin.ImportAsync("customers", Mapping, csv);
        var before = (await _host.CustomerAsync("r1"))!.Version + (await _host.CustomerAsync("r2"))!.Version;

        var again = await _host.Admin.ImportAsync("customers", Mapping, csv);
        var afterAgain = (await _host.CustomerAsync("r1"))!.Version + (await _host.CustomerAsync("r2"))!.Version;
        var changed = await _host.Admin.ImportAsync("customers", Mapping, csv.Replace("Rob,Rerun", "Robert,Rerun", StringComparison.Ordinal));
        var changedAgain = await _host.Admin.ImportAsync("customers", Mapping, csv.Replace("Rob,Rerun", "Robert,Rerun", StringComparison.Ordinal));

        Assert.Equal((2L, 0L, 2L), (again.RowsRead, again.Imported, again.Unchanged));
        Assert.Equal(before, afterAgain);
        Assert.Equal((1L, 1L), (changed.Imported, changed.Unchanged));
        Assert.Equal((0L, 2L), (changedAgain.Imported, changedAgain.Unchanged));
        var rob = (await _host.CustomerAsync("r2"))!;
        Assert.Equal(("Robert", 2L), (rob.FirstName, rob.Version));
    }

    [Fact]
    public async Task ImportCommandLine_UploadsFollowsAndReportsBadRows()
    {
        var directory = CrmTestHost.CreateTempDirectory();
        try
        {
            var file = Path.Combine(directory, "customers.csv");
            var mapping = Path.Combine(directory, "mapping.json");
            await File.WriteAllTextAsync(file, Header + "cli1,Cleo,Line,,,,,,,\ncli2,Carl,Line,bad,,,,,,\n", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(mapping, Mapping, TestContext.Current.CancellationToken);
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = await Host.Import.ImportCommandLine.RunAsync(
                ["customers", file, "--mapping", mapping, "--url", _host.BaseAddress.ToString(), "--key", $"@{_host.AdminKeyPath}"],
                output,
                error,
                TimeProvider.System);

            Assert.Equal(2, exit);
            Assert.Contains("1 imported, 0 unchanged, 1 failed", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("line 3: email[0]", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("100.0%", output.ToString(), StringComparison.Ordinal);
            Assert.Equal("", error.ToString());
            Assert.NotNull(await _host.CustomerAsync("cli1"));
        }
        finally
        {
            CrmTestHost.TryDelete(directory);
        }
    }
}
