using Microsoft.AspNetCore.Http.Metadata;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Keeps the JSON body of routes that bind one, so that when the serializer refuses it the problem
/// can say whether the member was repeated or null — what the serializer's exception does not carry
/// as data. Bodies are small (the server caps them) and are kept in memory up to a threshold.
/// </summary>
internal static class JsonBodyBuffering
{
    /// <summary>Adds the middleware (after routing, which tells which routes bind a body).</summary>
    public static IApplicationBuilder UseJsonBodyBuffering(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((http, next) =>
        {
            if (http.Request.HasJsonContentType() && http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null })
            {
                http.Request.EnableBuffering();
            }

            return next(http);
        });
    }

    /// <summary>The whole body when it was kept; empty otherwise.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadKeptAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Body.CanSeek)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        try
        {
            request.Body.Position = 0;
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, cancellationToken);
            return copy.GetBuffer().AsMemory(0, (int)copy.Length);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or BadHttpRequestException)
        {
            // The rest of the body never arrived: the error is described without it.
            return ReadOnlyMemory<byte>.Empty;
        }
    }
}
