using CrmPlatform.Grains.Customers.Options;

namespace CrmPlatform.Grains.Tests;

/// <summary>The customer options every test uses: small thresholds, a few declared attributes.</summary>
internal static class TestCustomerOptions
{
    public const string BaseCurrency = "EUR";
    public const int MaturityOrderCount = 3;
    public const decimal MaturityRevenue = 1_000m;
    public const int DeclineAfterDays = 30;

    public static CustomerOptions Create()
    {
        var options = new CustomerOptions();
        Configure(options);
        return options;
    }

    public static void Configure(CustomerOptions options)
    {
        options.BaseCurrency = BaseCurrency;
        options.Lifecycle = new LifecycleRuleOptions
        {
            MaturityOrderCount = MaturityOrderCount,
            MaturityRevenue = MaturityRevenue,
            DeclineAfterDays = DeclineAfterDays,
        };
        options.Messaging = new MessagingOptions
        {
            FrequencyCaps = new(StringComparer.Ordinal) { ["sms"] = new FrequencyCapOptions { MaxMessages = 2, Window = TimeSpan.FromDays(1) } },
            QuietHours = new QuietHoursOptions { Start = new(22, 0), End = new(7, 0), TimeZone = "Europe/Paris", Channels = ["sms"] },
        };
        options.Attributes = new Dictionary<string, AttributeDefinition>(StringComparer.Ordinal)
        {
            ["segment"] = new() { Type = AttributeType.Text, MaxLength = 20 },
            ["loyaltyPoints"] = new() { Type = AttributeType.WholeNumber, Minimum = 0, Maximum = 1_000_000 },
            ["newsletter"] = new() { Type = AttributeType.Boolean },
            ["birthday"] = new() { Type = AttributeType.Date },
        };
    }
}
