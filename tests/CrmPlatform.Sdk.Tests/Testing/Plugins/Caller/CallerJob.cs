using CrmPlatform.Sdk.Jobs;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;

internal sealed class CallerJob : IScheduledJob
{
    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        await context.Crm.SetInsightAsync("c-job", "nightly", 1, null, cancellationToken);
        await context.Crm.SetInsightAsync("c-job", "nightly", 2, null, cancellationToken);
    }
}
