using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Settings;

public sealed class ThrottleSettings
{
    [Range(1, 100)]
    public int Rate { get; set; } = 10;

    [Required]
    [RegularExpression("^[a-z]{2}$")]
    public string Region { get; set; } = "eu";
}
