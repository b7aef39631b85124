using System.Text.Json;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Sdk.Tests;

public sealed class CustomerEventJsonTests
{
    public static TheoryData<string> EventNames => SampleEvents.Names;

    [Fact]
    public void SampleEvents_EveryEventType_HasASample()
    {
        Assert.Equal(CustomerEventTypes.Names.Order(StringComparer.Ordinal), SampleEvents.ByName.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Deserialize_SerializedSample_GivesAnEqualPayload(string typeName)
    {
        var sample = SampleEvents.ByName[typeName];
        var json = CustomerEventJson.Serialize(sample);

        var read = CustomerEventJson.Deserialize(typeName, json);

        Assert.IsType(sample.GetType(), read);
        Assert.Equal(json, CustomerEventJson.Serialize(read));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Serialize_EverySample_UsesCamelCaseMembersAndKeepsNulls(string typeName)
    {
        var sample = SampleEvents.ByName[typeName];
        using var document = JsonDocument.Parse(CustomerEventJson.Serialize(sample));

        var members = document.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        var expected = sample.GetType().GetProperties()
            .Where(p => p.Name != "EqualityContract")
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

        Assert.Equal(expected.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Serialize_StageChanged_IsTheStableFormat()
    {
        var json = CustomerEventJson.Serialize(
            new LifecycleStageChanged(LifecycleStage.Prospect, LifecycleStage.Growth, "First order placed.", null));

        Assert.Equal("""{"from":"prospect","to":"growth","reason":"First order placed.","rule":null}""", json);
    }

    [Fact]
    public void Serialize_Enums_AreCamelCaseStrings()
    {
        var json = CustomerEventJson.Serialize(
            new CaseOpened("case-1", CaseKind.ServiceRequest, CasePriority.Urgent, "Broken", null));

        Assert.Equal(
            """{"caseId":"case-1","kind":"serviceRequest","priority":"urgent","subject":"Broken","description":null}""",
            json);
    }

    [Fact]
    public void Serialize_OrderPlaced_KeepsDecimalsExactAndLinesCamelCase()
    {
        var json = CustomerEventJson.Serialize(
            new OrderPlaced("o-1", 10.50m, "EUR", [new OrderLine("S-1", null, 2m, 5.25m)]));

        Assert.Equal(
            """{"orderId":"o-1","amount":10.50,"currency":"EUR","lines":[{"sku":"S-1","description":null,"quantity":2,"unitPrice":5.25}]}""",
            json);
    }

    [Fact]
    public void Deserialize_EnumAsCamelCaseString_ReadsTheEnum()
    {
        var read = CustomerEventJson.Deserialize(
            "crm.customer.consent-changed.v1", """{"channel":"email","status":"withdrawn","source":"unsubscribe link"}""");

        Assert.Equal(new ConsentChanged("email", ConsentStatus.Withdrawn, "unsubscribe link"), read);
    }

    [Fact]
    public void Deserialize_UnknownTypeName_ThrowsNotSupportedException()
    {
        var exception = Assert.Throws<NotSupportedException>(
            () => CustomerEventJson.Deserialize("crm.customer.teleported.v1", "{}"));

        Assert.Contains("crm.customer.teleported.v1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_KnownAliasWithUnknownVersion_ThrowsNotSupportedException()
    {
        Assert.Throws<NotSupportedException>(
            () => CustomerEventJson.Deserialize("crm.customer.stage-changed.v9", """{"from":"prospect","to":"growth","reason":"x","rule":null}"""));
    }

    [Fact]
    public void Deserialize_JsonNull_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => CustomerEventJson.Deserialize("crm.customer.owner-assigned.v1", "null"));
    }

    [Fact]
    public void Serialize_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CustomerEventJson.Serialize(null!));
    }
}
