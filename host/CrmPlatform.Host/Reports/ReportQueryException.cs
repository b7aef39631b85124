namespace CrmPlatform.Host.Reports;

/// <summary>A built-in report refused a query parameter; the API answers 400 naming it.</summary>
public sealed class ReportQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportQueryException()
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReportQueryException(string message)
        : base(message)
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ReportQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
    }

    /// <summary>Creates the exception for a parameter.</summary>
    public ReportQueryException(string parameter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Parameter = parameter;
    }

    /// <summary>The query parameter at fault.</summary>
    public string Parameter { get; }
}
