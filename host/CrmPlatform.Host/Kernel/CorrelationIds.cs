using System.Diagnostics;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c> when it is sane, else
/// the trace id), echoes it in the response, puts it on every log line of the request and, through
/// the command context, on every event the request writes.
/// </summary>
public static partial class CorrelationIds
{
    /// <summary>The header.</summary>
    public const string HeaderName = "X-Correlation-Id";

    private static readonly object ItemKey = new();

    /// <summary>The request's correlation id.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as string ?? context.TraceIdentifier;
    }

    /// <summary>Adds the middleware.</summary>
    public static IApplicationBuilder UseCorrelationIds(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        string? given = context.Request.Headers[HeaderName];
        var id = given is { Length: > 0 and <= 64 } && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')
            ? given
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[ItemKey] = id;
        context.Response.Headers[HeaderName] = id;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CrmPlatform.Host.Api");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    });
}
