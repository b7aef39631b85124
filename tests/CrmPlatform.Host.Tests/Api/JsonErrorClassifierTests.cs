using System.Text;
using System.Text.Json;
using CrmPlatform.Host.Customers.Requests;
using CrmPlatform.Host.Kernel;
using CrmPlatform.Host.Hosting;

namespace CrmPlatform.Host.Tests.Api;

/// <summary>The kinds of JSON error, told from the serializer's real exceptions with the API's own settings.</summary>
public sealed class JsonErrorClassifierTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static TheoryData<string, string> Registrations => new()
    {
        { """{"firstName": "A",""", nameof(JsonErrorKind.InvalidJson) },
        { """{"firstName": "A"} trailing""", nameof(JsonErrorKind.InvalidJson) },
        { """{"firstName": 'A'}""", nameof(JsonErrorKind.InvalidJson) },
        { "", nameof(JsonErrorKind.InvalidJson) },
        { """{"favouriteColour": "blue"}""", nameof(JsonErrorKind.UnknownField) },
        { """{"FAVOURITECOLOUR": "blue"}""", nameof(JsonErrorKind.UnknownField) },
        { """{"firstName": 42}""", nameof(JsonErrorKind.WrongType) },
        { """{"firstName": "\ud800"}""", nameof(JsonErrorKind.WrongType) },
        { """{"kind": "robot"}""", nameof(JsonErrorKind.WrongType) },
        { """{"kind": 1}""", nameof(JsonErrorKind.WrongType) },
        { """{"emails": "a@example.com"}""", nameof(JsonErrorKind.WrongType) },
        { """{"emails": [1]}""", nameof(JsonErrorKind.WrongType) },
        { """{"attributes": [1, 2]}""", nameof(JsonErrorKind.WrongType) },
        { "[]", nameof(JsonErrorKind.WrongType) },
        { """{"firstName": "A", "firstName": "B"}""", nameof(JsonErrorKind.Duplicate) },
        { """{"emails": ["a@example.com"], "Emails": []}""", nameof(JsonErrorKind.Duplicate) },
    };

    public static TheoryData<string, string> Orders => new()
    {
        { """{"orderId": "o-1", "lines": [{"sku": "a", "bogus": 1}]}""", nameof(JsonErrorKind.UnknownField) },
        { """{"orderId": "o-1", "lines": [{"sku": "a", "quantity": "2"}]}""", nameof(JsonErrorKind.WrongType) },
        { """{"orderId": "o-1", "amount": 1e400}""", nameof(JsonErrorKind.WrongType) },
        { """{"orderId": "o-1", "placedAt": "yesterday"}""", nameof(JsonErrorKind.WrongType) },
        { """{"orderId": "o-1", "lines": [{"sku": "a", "sku": "b"}]}""", nameof(JsonErrorKind.Duplicate) },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Classify_RegistrationBodies_NameTheKind(string json, string kind) =>
        Assert.Equal(Enum.Parse<JsonErrorKind>(kind), Classify<RegisterCustomerRequest>(json));

    [Theory]
    [MemberData(nameof(Orders))]
    public void Classify_NestedMembers_FollowThePathThroughTheContract(string json, string kind) =>
        Assert.Equal(Enum.Parse<JsonErrorKind>(kind), Classify<PlaceOrderRequest>(json));

    [Theory]
    [InlineData("""{"name": null}""", nameof(JsonErrorKind.Null))]
    [InlineData("""{"name": "a", "tags": null}""", nameof(JsonErrorKind.Null))]
    [InlineData("""{"name": "a", "tags": "x"}""", nameof(JsonErrorKind.WrongType))]
    public void Classify_NullForANonNullableMember_IsNull(string json, string kind) =>
        Assert.Equal(Enum.Parse<JsonErrorKind>(kind), Classify<StrictRequest>(json));

    [Fact]
    public void Classify_MessageClaimingAnotherKind_IsIgnored()
    {
        var error = new JsonException("The JSON property 'x' could not be mapped; Duplicate; null.", "$.firstName", 0, 14, new FormatException());

        Assert.Equal(JsonErrorKind.WrongType, JsonErrorClassifier.Classify(error, Options.GetTypeInfo(typeof(RegisterCustomerRequest)), ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void Classify_DuplicateWithoutTheBody_IsWrongType()
    {
        var error = Refuse<RegisterCustomerRequest>("""{"firstName": "A", "firstName": "B"}""");

        Assert.Equal(JsonErrorKind.WrongType, JsonErrorClassifier.Classify(error, Options.GetTypeInfo(typeof(RegisterCustomerRequest)), ReadOnlyMemory<byte>.Empty));
    }

    [Theory]
    [InlineData(nameof(JsonErrorKind.InvalidJson), "Is not valid JSON.")]
    [InlineData(nameof(JsonErrorKind.UnknownField), "Not a known field.")]
    [InlineData(nameof(JsonErrorKind.WrongType), "Has the wrong type or an unknown value.")]
    [InlineData(nameof(JsonErrorKind.Null), "Must not be null.")]
    [InlineData(nameof(JsonErrorKind.Duplicate), "Appears more than once.")]
    public void Describe_EachKind_HasItsMessage(string kind, string message) =>
        Assert.Equal(message, ProblemExceptionHandler.Describe(Enum.Parse<JsonErrorKind>(kind)));

    /// <summary>A body type with non-nullable members, which the API's settings refuse to set to null.</summary>
    public sealed class StrictRequest
    {
        public required string Name { get; init; }

        public IReadOnlyList<string> Tags { get; init; } = [];
    }

    private static JsonErrorKind Classify<T>(string json) =>
        JsonErrorClassifier.Classify(Refuse<T>(json), Options.GetTypeInfo(typeof(T)), Encoding.UTF8.GetBytes(json));

    private static JsonException Refuse<T>(string json) => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>(json, Options));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmPlatformServices.ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
