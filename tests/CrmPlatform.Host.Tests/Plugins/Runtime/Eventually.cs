namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>Polls until a condition holds, failing with a message that says what never happened.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, Func<T, string> failure, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s: {failure(value)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> done, Func<T, string> failure, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(probe()), done, failure, timeout);
}
