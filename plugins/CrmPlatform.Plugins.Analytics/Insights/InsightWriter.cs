using CrmPlatform.Plugins.Analytics.Features;
using CrmPlatform.Sdk.Crm;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>Writes a customer's insights that differ from what was last written, and remembers what it wrote.</summary>
public static class InsightWriter
{
    /// <summary>Writes the changed insights (the churn alert last, after the risk it is about); returns how many were written.</summary>
    /// <exception cref="InvalidOperationException">The platform refused a write (the delivery is then retried).</exception>
    public static async Task<int> WriteChangesAsync(
        ICrm crm, CustomerFeatureState state, IReadOnlyDictionary<string, WrittenInsight> desired, double churnThreshold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crm);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(desired);
        var written = 0;
        foreach (var (name, insight) in desired.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!state.Insights.TryGetValue(name, out var previous) || previous != insight)
            {
                await WriteAsync(crm, state, name, insight, cancellationToken);
                written++;
            }
        }

        var probability = desired.TryGetValue(InsightNames.ChurnRisk, out var risk) ? risk.Value : null;
        if (CustomerInsights.Alert(state, probability, churnThreshold) is { } alert)
        {
            await WriteAsync(crm, state, InsightNames.ChurnAlert, alert, cancellationToken);
            written++;
        }

        return written;
    }

    private static async Task WriteAsync(ICrm crm, CustomerFeatureState state, string name, WrittenInsight insight, CancellationToken cancellationToken)
    {
        var result = await crm.SetInsightAsync(state.CustomerId, name, insight.Value, insight.Label, cancellationToken);
        if (result.Status == CrmStatus.NotFound)
        {
            return;
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Insight '{name}' on customer '{state.CustomerId}' was refused: {result.Status} {result.Detail}");
        }

        state.Insights[name] = insight;
    }
}
