using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Plugins.Settings;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Host.Tests.Plugins.Settings;

public sealed class PluginSettingsSchemaTests
{
    private const string Stored = """{"token":"top-secret","endpoints":[{"name":"a","secret":"secret-a"},{"name":"b","secret":"secret-b"}]}""";

    private readonly PluginSettingsSchema _schema = new(typeof(Hooks));

    [Fact]
    public void ToMaskedJson_SecretWithAJsonName_IsMaskedUnderThatName()
    {
        var settings = _schema.Parse(Stored, new FieldErrors());

        var shown = _schema.ToMaskedJson(settings).ToJsonString();

        Assert.DoesNotContain("top-secret", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-a", shown, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"********\"", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreMaskedSecrets_ItemRemovedBeforeAnother_EachKeepsItsOwnSecret()
    {
        var errors = new FieldErrors();

        var restored = _schema.RestoreMaskedSecrets(
            """{"token":"********","endpoints":[{"name":"b","secret":"********"}]}""", Stored, errors);

        Assert.True(errors.IsEmpty);
        using var json = JsonDocument.Parse(restored);
        Assert.Equal("top-secret", json.RootElement.GetProperty("token").GetString());
        Assert.Equal("secret-b", json.RootElement.GetProperty("endpoints")[0].GetProperty("secret").GetString());
    }

    [Fact]
    public void RestoreMaskedSecrets_MaskForANewItem_IsAnErrorNamingTheField()
    {
        var errors = new FieldErrors();

        _schema.RestoreMaskedSecrets("""{"token":"x","endpoints":[{"name":"c","secret":"********"}]}""", Stored, errors);

        Assert.Equal(["endpoints[0].secret"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Parse_InvalidNestedItem_NamesTheItemsField()
    {
        var errors = new FieldErrors();

        _schema.Parse("""{"token":"x","endpoints":[{"name":"a","secret":"s"},{"secret":"s"}]}""", errors);

        Assert.Equal(["endpoints[1].name"], errors.ToDictionary().Keys);
    }

    public sealed class Hooks
    {
        [Secret]
        [JsonPropertyName("token")]
        public string? ApiToken { get; set; }

        public List<Endpoint> Endpoints { get; set; } = [];
    }

    public sealed class Endpoint
    {
        [Required]
        public string? Name { get; set; }

        [Secret]
        public string? Secret { get; set; }
    }
}
