using CrmPlatform.Host.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CrmPlatform.Host.Tests.Api;

public sealed class ProblemExceptionHandlerTests
{
    public static TheoryData<Exception> TransientFailures =>
    [
        new SiloUnavailableException(),
        new TimeoutException(),
    ];

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task TryHandleAsync_ClusterFailingOver_Is503WithRetryAfter(Exception failure)
    {
        var context = await HandleAsync(failure);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task TryHandleAsync_AnythingElse_Is500WithoutRetryAfter()
    {
        var context = await HandleAsync(new InvalidOperationException("a bug"));

        Assert.Equal(StatusCodes.Status500InternalServerError, context.Response.StatusCode);
        Assert.Empty(context.Response.Headers.RetryAfter.ToString());
    }

    private static async Task<DefaultHttpContext> HandleAsync(Exception failure)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(
            services.GetRequiredService<IProblemDetailsService>(), Options.Create(new JsonOptions()), NullLogger<ProblemExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(context, failure, TestContext.Current.CancellationToken));
        return context;
    }
}
