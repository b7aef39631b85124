namespace CrmPlatform.Plugins.Webhooks;

/// <summary>
/// An endpoint did not accept an event: it answered other than 2xx, did not answer in time or could
/// not be reached. The platform retries the delivery with backoff and then dead-letters it.
/// </summary>
public sealed class WebhookDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WebhookDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WebhookDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a failed delivery to an endpoint.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="statusCode">The HTTP status it answered, or null when it did not answer.</param>
    /// <param name="message">What went wrong, naming the endpoint.</param>
    /// <param name="innerException">The cause, if any.</param>
    public WebhookDeliveryException(string endpoint, int? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
    }

    /// <summary>The name of the endpoint that failed.</summary>
    public string? Endpoint { get; }

    /// <summary>The HTTP status the endpoint answered, or null when it did not answer (time-out, network error).</summary>
    public int? StatusCode { get; }
}
