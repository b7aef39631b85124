using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Sdk.Crm;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>Writes a customer's insights that differ from what was last written, and remembers what it wrote.</summary>
public static class InsightWriter
{
    /// <summary>Writes the changed insights (the churn alert last, after the risk it is about); returns how many were written.</summary>
    /// <exception cref="InvalidOperationException">The platform refused a write (the delivery is then retried).</exception>
    public static async Task<int> WriteChangesAsync(
        ICrm crm,
        string customerId,
        Dictionary<string, WrittenInsight> written,
        IReadOnlyDictionary<string, WrittenInsight> desired,
        double churnThreshold,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crm);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(desired);
        var count = 0;
        foreach (var (name, insight) in desired.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!written.TryGetValue(name, out var previous) || previous != insight)
            {
                await WriteAsync(crm, customerId, written, name, insight, cancellationToken);
                count++;
            }
        }

        var probability = desired.TryGetValue(InsightNames.ChurnRisk, out var risk) ? risk.Value : null;
        if (CustomerInsights.Alert(written, probability, churnThreshold) is { } alert)
        {
            await WriteAsync(crm, customerId, written, InsightNames.ChurnAlert, alert, cancellationToken);
            count++;
        }

        return count;
    }

    private static async Task WriteAsync(
        ICrm crm, string customerId, Dictionary<string, WrittenInsight> written, string name, WrittenInsight insight, CancellationToken cancellationToken)
    {
        var result = await crm.SetInsightAsync(customerId, name, insight.Value, insight.Label, cancellationToken);
        if (result.Status == CrmStatus.NotFound)
        {
            return;
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Insight '{name}' on customer '{customerId}' was refused: {result.Status} {result.Detail}");
        }

        written[name] = insight;
    }
}
