using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// The plugin's settings: where to post events and how long to wait. The platform validates the
/// settings and, one by one, each endpoint (their data annotations and
/// <see cref="IValidatableObject"/>), naming a wrong field by its path, for example
/// <c>endpoints[1].url</c>; <see cref="Validate"/> adds what no single endpoint can see: duplicate names.
/// </summary>
public sealed class WebhookSettings : IValidatableObject
{
    /// <summary>The default of <see cref="TimeoutSeconds"/>.</summary>
    public const int DefaultTimeoutSeconds = 10;

    /// <summary>The receivers. Each event goes to every endpoint whose filter accepts it, in order.</summary>
    [Required]
    public IReadOnlyList<WebhookEndpoint> Endpoints { get; set; } = [];

    /// <summary>How long to wait for an endpoint's answer before the delivery fails (1 to 60 seconds).</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;

    /// <summary>Finds empty entries and endpoint names used more than once (ignoring case); each endpoint validates itself.</summary>
    /// <param name="validationContext">The context of the validation.</param>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoints is null)
        {
            yield break;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Endpoints.Count; i++)
        {
            var path = $"{nameof(Endpoints)}[{i}]";
            var name = Endpoints[i]?.Name;
            if (Endpoints[i] is null)
            {
                yield return new ValidationResult("An endpoint cannot be null.", [path]);
            }
            else if (!string.IsNullOrWhiteSpace(name) && !names.Add(name.Trim()))
            {
                yield return new ValidationResult(
                    $"The endpoint name '{name}' is used more than once; names must be unique.",
                    [$"{path}.{nameof(WebhookEndpoint.Name)}"]);
            }
        }
    }
}
