using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Sdk.Customers;
using static CrmPlatform.Grains.Tests.TestCommands;

namespace CrmPlatform.Grains.Tests;

[Collection(ClusterDefinition.Name)]
public sealed class CustomerGrainValidationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ExecuteAsync_RegisterPersonWithoutNames_IsInvalidOnLastName()
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, RegisterPerson(firstName: null, lastName: "  "));

        AssertInvalid(result, "lastName");
        Assert.Empty(fixture.Log.StreamOf(id));
        Assert.Null(await fixture.Customer(id).GetAsync());
    }

    [Fact]
    public async Task ExecuteAsync_RegisterWithBadEmail_IsInvalidOnThatEmail()
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, RegisterPerson(emails: ["not-an-email"]));

        AssertInvalid(result, "emails[0]");
        Assert.Empty(fixture.Log.StreamOf(id));
    }

    [Fact]
    public async Task ExecuteAsync_RegisterWithSecondEmailBad_NamesTheSecondEmail()
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, RegisterPerson(emails: ["ada@example.com", "ada@localhost"]));

        AssertInvalid(result, "emails[1]");
        Assert.Empty(fixture.Log.StreamOf(id));
    }

    [Fact]
    public async Task ExecuteAsync_RegisterWithUndeclaredAttribute_IsInvalidOnThatAttribute()
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, RegisterPerson(attributes: Attributes(("x", "1"))));

        AssertInvalid(result, "attributes.x");
        Assert.Empty(fixture.Log.StreamOf(id));
    }

    [Theory]
    [InlineData("loyaltyPoints", "\"many\"")]
    [InlineData("loyaltyPoints", "1.5")]
    [InlineData("loyaltyPoints", "-1")]
    [InlineData("segment", "42")]
    [InlineData("segment", "\"longer than twenty characters\"")]
    [InlineData("newsletter", "\"yes\"")]
    [InlineData("birthday", "\"06.01.1990\"")]
    [InlineData("birthday", "null")]
    public async Task ExecuteAsync_RegisterWithAttributeOfWrongTypeOrRange_IsInvalidOnThatAttribute(string name, string json)
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, RegisterPerson(attributes: Attributes((name, json))));

        AssertInvalid(result, $"attributes.{name}");
        Assert.Empty(fixture.Log.StreamOf(id));
    }

    [Fact]
    public async Task ExecuteAsync_RegisterWithDeclaredAttributes_KeepsThem()
    {
        var id = fixture.NewCustomerId();

        await fixture.AcceptAsync(id, RegisterPerson(attributes: Attributes(
            ("loyaltyPoints", "120"), ("segment", "\"premium\""), ("newsletter", "true"), ("birthday", "\"1990-01-06\""))));

        var view = await fixture.ViewAsync(id);
        Assert.Equal(120, view.Attributes["loyaltyPoints"].GetInt32());
        Assert.Equal("premium", view.Attributes["segment"].GetString());
        Assert.True(view.Attributes["newsletter"].GetBoolean());
        Assert.Equal("1990-01-06", view.Attributes["birthday"].GetString());
    }

    [Fact]
    public async Task ExecuteAsync_RegisterTwice_IsConflict()
    {
        var id = await fixture.RegisterAsync();
        var before = fixture.Log.StreamOf(id).Count;

        var result = await fixture.SendAsync(id, RegisterPerson(firstName: "Grace", lastName: "Hopper"));

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(before, fixture.Log.StreamOf(id).Count);
        Assert.Equal("Ada Lovelace", (await fixture.ViewAsync(id)).DisplayName);
    }

    [Fact]
    public async Task ExecuteAsync_OrderWithNegativeQuantity_IsInvalidOnThatLine()
    {
        var id = await fixture.RegisterAsync();

        var result = await fixture.SendAsync(id, OrderOfLines("o-1", null, new OrderLine("SKU-1", null, -1m, 10m)));

        AssertInvalid(result, "lines[0].quantity");
        AssertNothingWrittenAfterRegistration(id);
    }

    [Fact]
    public async Task ExecuteAsync_OrderAmountNotTheSumOfLines_IsInvalidOnAmount()
    {
        var id = await fixture.RegisterAsync();

        var result = await fixture.SendAsync(
            id, OrderOfLines("o-1", 30m, new OrderLine("SKU-1", null, 2m, 10m), new OrderLine("SKU-2", null, 1m, 5m)));

        AssertInvalid(result, "amount");
        Assert.Contains("25", result.Errors!["amount"][0], StringComparison.Ordinal);
        AssertNothingWrittenAfterRegistration(id);
    }

    [Fact]
    public async Task ExecuteAsync_OrderWithBadCurrency_IsInvalidOnCurrency()
    {
        var id = await fixture.RegisterAsync();

        var result = await fixture.SendAsync(id, Order("o-1", 10m, currency: "eur"));

        AssertInvalid(result, "currency");
        AssertNothingWrittenAfterRegistration(id);
    }

    [Fact]
    public async Task ExecuteAsync_SameOrderIdTwice_IsConflict()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        var before = fixture.Log.StreamOf(id).Count;

        var result = await fixture.SendAsync(id, Order("o-1", 10m));

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(before, fixture.Log.StreamOf(id).Count);
    }

    [Fact]
    public async Task ExecuteAsync_CancelUnknownOrder_IsNotFound()
    {
        var id = await fixture.RegisterAsync();

        var result = await fixture.SendAsync(id, new CancelOrder("o-404", null));

        Assert.Equal(CommandStatus.NotFound, result.Status);
        AssertNothingWrittenAfterRegistration(id);
    }

    [Fact]
    public async Task ExecuteAsync_CancelOrderTwice_IsConflict()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, Order("o-1", 10m));
        await fixture.AcceptAsync(id, new CancelOrder("o-1", "Changed their mind."));
        var before = fixture.Log.StreamOf(id).Count;

        var result = await fixture.SendAsync(id, new CancelOrder("o-1", null));

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(before, fixture.Log.StreamOf(id).Count);
        var view = await fixture.ViewAsync(id);
        Assert.Equal(0, view.OrderCount);
        Assert.Empty(view.Revenue);
    }

    [Fact]
    public async Task ExecuteAsync_ResolveUnknownCase_IsNotFound()
    {
        var id = await fixture.RegisterAsync();

        var result = await fixture.SendAsync(id, new ResolveCase("case-404", "Done.", null));

        Assert.Equal(CommandStatus.NotFound, result.Status);
        AssertNothingWrittenAfterRegistration(id);
    }

    [Fact]
    public async Task ExecuteAsync_ResolveCaseTwice_IsConflict()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, new OpenCase("case-1", CaseKind.Complaint, CasePriority.High, "Late delivery", null));
        await fixture.AcceptAsync(id, new ResolveCase("case-1", "Refunded shipping.", 4));
        var before = fixture.Log.StreamOf(id).Count;

        var result = await fixture.SendAsync(id, new ResolveCase("case-1", "Again.", null));

        Assert.Equal(CommandStatus.Conflict, result.Status);
        Assert.Equal(before, fixture.Log.StreamOf(id).Count);
    }

    [Fact]
    public async Task ExecuteAsync_ResolveCaseWithSatisfactionOutOfRange_IsInvalidOnSatisfaction()
    {
        var id = await fixture.RegisterAsync();
        await fixture.AcceptAsync(id, new OpenCase("case-1", CaseKind.Consultation, CasePriority.Low, "Question", null));
        var before = fixture.Log.StreamOf(id).Count;

        var result = await fixture.SendAsync(id, new ResolveCase("case-1", "Answered.", 6));

        AssertInvalid(result, "satisfaction");
        Assert.Equal(before, fixture.Log.StreamOf(id).Count);
    }

    public static TheoryData<CustomerCommand> CommandsOnExistingCustomers =>
    [
        new UpdateProfile("Grace", null, null, null, null, null, null),
        Stage(LifecycleStage.Acquisition),
        Interaction(),
        Order("o-1", 10m),
        new CancelOrder("o-1", null),
        new OpenCase(null, CaseKind.Complaint, CasePriority.Normal, "Late", null),
        new ResolveCase("case-1", "Done.", null),
        new SetConsent("email", ConsentStatus.Granted, "web form"),
        AddTags("vip"),
        new AssignOwner("agent:grace"),
        new SetInsight("churn-risk", 0.5, null, "analytics"),
    ];

    [Theory]
    [MemberData(nameof(CommandsOnExistingCustomers))]
    public async Task ExecuteAsync_CommandOnUnregisteredCustomer_IsNotFound(CustomerCommand command)
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.SendAsync(id, command);

        Assert.Equal(CommandStatus.NotFound, result.Status);
        Assert.Equal(id, result.CustomerId);
        Assert.Empty(fixture.Log.StreamOf(id));
        Assert.Null(await fixture.Customer(id).GetAsync());
    }

    [Fact]
    public async Task ApplyDueRulesAsync_UnregisteredCustomer_IsNotFoundAndWritesNothing()
    {
        var id = fixture.NewCustomerId();

        var result = await fixture.Customer(id).ApplyDueRulesAsync();

        Assert.Equal(CommandStatus.NotFound, result.Status);
        Assert.Empty(fixture.Log.StreamOf(id));
    }

    private void AssertNothingWrittenAfterRegistration(string id)
    {
        Assert.Single(fixture.Log.StreamOf(id));
    }

    private static void AssertInvalid(CommandResult result, string field)
    {
        Assert.Equal(CommandStatus.Invalid, result.Status);
        Assert.NotNull(result.Errors);
        Assert.True(result.Errors.ContainsKey(field), $"Expected an error on '{field}', got: {string.Join(", ", result.Errors.Keys)}.");
        Assert.Equal(0, result.FirstSequence);
        Assert.Equal(0, result.LastSequence);
    }
}
