namespace CrmPlatform.Host.Reports;

/// <summary>A report could not be served; <see cref="StatusCode"/> says how the API answers (404, 502 or 503).</summary>
public sealed class ReportFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportFailedException()
        : this(StatusCodes.Status500InternalServerError, "The report failed.", "The report failed.")
    {
    }

    /// <summary>Creates the exception with a message (answered as 500).</summary>
    public ReportFailedException(string message)
        : this(StatusCodes.Status500InternalServerError, "The report failed.", message)
    {
    }

    /// <summary>Creates the exception with a message and a cause (answered as 500).</summary>
    public ReportFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status500InternalServerError;
        Title = "The report failed.";
    }

    /// <summary>Creates the exception with the status, title and detail of the problem response.</summary>
    public ReportFailedException(int statusCode, string title, string detail, Exception? innerException = null)
        : base(detail, innerException)
    {
        StatusCode = statusCode;
        Title = title;
    }

    /// <summary>The HTTP status of the problem response.</summary>
    public int StatusCode { get; }

    /// <summary>The problem's title.</summary>
    public string Title { get; }

    /// <summary>A 404: no such source or report.</summary>
    public static ReportFailedException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found.", detail);

    /// <summary>A 503: the plugin cannot serve reports now.</summary>
    public static ReportFailedException Unavailable(string detail, Exception? cause = null) =>
        new(StatusCodes.Status503ServiceUnavailable, "The report's plugin is unavailable.", detail, cause);

    /// <summary>A 502: the plugin failed to build the report, or built a table that does not fit its columns.</summary>
    public static ReportFailedException BadTable(string detail, Exception? cause = null) =>
        new(StatusCodes.Status502BadGateway, "The report's plugin failed.", detail, cause);
}
