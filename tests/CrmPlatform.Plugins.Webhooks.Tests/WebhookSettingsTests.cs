using System.ComponentModel.DataAnnotations;
using System.Reflection;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.Plugins.Webhooks.Tests;

public sealed class WebhookSettingsTests
{
    private const string Secret = "0123456789abcdef";

    [Fact]
    public void Validate_ValidSettings_HasNoErrors()
    {
        var settings = Settings(
            Valid("orders", "https://erp.example.com/hooks/crm", "crm.customer.order-placed.v1"),
            Valid("all", "http://localhost:8080/"),
            Valid("star", "https://example.com/", "*"));

        Assert.Empty(Validate(settings));
    }

    [Fact]
    public void Defaults_NoEndpointsAndTenSeconds_AreValid()
    {
        var settings = new WebhookSettings();

        Assert.Empty(settings.Endpoints);
        Assert.Equal(10, settings.TimeoutSeconds);
        Assert.Empty(Validate(settings));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    public void Validate_BadUrl_NamesTheUrl(string url)
    {
        var errors = Validate(Settings(Valid("a", "https://example.com/"), Valid("b", url)));

        Assert.Equal(["Endpoints[1].Url"], Members(errors));
    }

    [Fact]
    public void Validate_ShortSecret_NamesTheSecret()
    {
        var endpoint = Valid("a", "https://example.com/");
        endpoint.Secret = "too-short";

        Assert.Equal(["Endpoints[0].Secret"], Members(Validate(Settings(endpoint))));
    }

    [Fact]
    public void Validate_UnknownEventType_NamesTheEntry()
    {
        var errors = Validate(Settings(Valid("a", "https://example.com/", "crm.customer.order-placed.v1", "crm.customer.order-placed")));

        Assert.Equal(["Endpoints[0].Events[1]"], Members(errors));
        Assert.Contains("crm.customer.order-placed", Assert.Single(errors).ErrorMessage);
    }

    [Fact]
    public void Validate_DuplicateNames_NamesTheSecondOne()
    {
        var errors = Validate(Settings(Valid("erp", "https://a.example.com/"), Valid("other", "https://b.example.com/"), Valid("ERP", "https://c.example.com/")));

        Assert.Equal(["Endpoints[2].Name"], Members(errors));
    }

    [Fact]
    public void Validate_MissingNameUrlAndSecret_NamesEach()
    {
        var errors = Validate(Settings(new WebhookEndpoint()));

        Assert.Equal(["Endpoints[0].Name", "Endpoints[0].Secret", "Endpoints[0].Url"], Members(errors).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NameLongerThan64_NamesTheName()
    {
        var errors = Validate(Settings(Valid(new string('n', 65), "https://example.com/")));

        Assert.Equal(["Endpoints[0].Name"], Members(errors));
    }

    [Fact]
    public void Validate_NullEndpoint_NamesTheEntry()
    {
        var errors = Validate(Settings(Valid("a", "https://example.com/"), null!));

        Assert.Equal(["Endpoints[1]"], Members(errors));
    }

    [Fact]
    public void Validate_SettingsAlone_LeavesEndpointErrorsToTheEndpoints()
    {
        var settings = Settings(new WebhookEndpoint { Name = "a", Url = "ftp://example.com/", Secret = "short" });

        Assert.Empty(settings.Validate(new ValidationContext(settings)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void Validate_TimeoutOutOfRange_NamesTheTimeout(int seconds)
    {
        var settings = new WebhookSettings { TimeoutSeconds = seconds };

        Assert.Equal(["TimeoutSeconds"], Members(Validate(settings)));
    }

    [Fact]
    public void Secret_IsMarkedSecret()
    {
        Assert.NotNull(typeof(WebhookEndpoint).GetProperty(nameof(WebhookEndpoint.Secret))!.GetCustomAttribute<SecretAttribute>());
        Assert.Null(typeof(WebhookEndpoint).GetProperty(nameof(WebhookEndpoint.Url))!.GetCustomAttribute<SecretAttribute>());
    }

    private static WebhookSettings Settings(params WebhookEndpoint[] endpoints) => new() { Endpoints = endpoints };

    private static WebhookEndpoint Valid(string name, string url, params string[] events) =>
        new() { Name = name, Url = url, Secret = Secret, Events = events };

    /// <summary>
    /// Validates as the platform does (PluginSettingsSchema): the settings object, then each endpoint
    /// in the list, with the endpoint's path in front of its member names.
    /// </summary>
    private static List<ValidationResult> Validate(WebhookSettings settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        for (var i = 0; i < settings.Endpoints.Count; i++)
        {
            if (settings.Endpoints[i] is { } endpoint)
            {
                var nested = new List<ValidationResult>();
                Validator.TryValidateObject(endpoint, new ValidationContext(endpoint), nested, validateAllProperties: true);
                results.AddRange(nested.Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => $"Endpoints[{i}].{m}").ToArray())));
            }
        }

        return results;
    }

    private static IEnumerable<string> Members(IEnumerable<ValidationResult> results) => results.SelectMany(r => r.MemberNames);
}
