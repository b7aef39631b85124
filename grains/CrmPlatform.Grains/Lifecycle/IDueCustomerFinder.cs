namespace CrmPlatform.Grains.Lifecycle;

/// <summary>The durable due-date index of the inactivity rule (the read model keeps it).</summary>
public interface IDueCustomerFinder
{
    /// <summary>
    /// Customers in Growth or Maturity whose last order and last stage change are both at or before
    /// <paramref name="cutoff"/>, at most <paramref name="maxCount"/>.
    /// </summary>
    Task<IReadOnlyList<string>> FindInactiveAsync(DateTimeOffset cutoff, int maxCount, CancellationToken cancellationToken = default);
}
