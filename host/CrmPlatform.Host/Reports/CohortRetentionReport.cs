using System.Globalization;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Reports;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// <c>crm/cohort-retention</c>: customers grouped by the month they registered (UTC); for each month
/// after that, up to the current one, the share of the cohort that is active at the end of that
/// month. Active means not Terminated: the stage the customer was in at the end of the month (the
/// last stage change before the month ended; Prospect before any) is anything but Terminated, so a
/// customer won back counts as active again. For the current month, "end" is now.
/// <c>?months=N</c> stops at month offset N.
/// </summary>
public sealed class CohortRetentionReport(IReportReadModel readModel, TimeProvider time) : IReport
{
    /// <summary>The query parameter that limits the month offsets.</summary>
    public const string MonthsParameter = "months";

    private const int MaxMonths = 240;

    private static readonly ReportColumn[] Columns =
    [
        new("cohort", ReportColumnType.Text, "The registration month (UTC), yyyy-MM."),
        new("month", ReportColumnType.WholeNumber, "Months since registration: 0 is the registration month."),
        new("customers", ReportColumnType.WholeNumber, "Customers who registered in the cohort's month."),
        new("active", ReportColumnType.WholeNumber, "Of them, those not Terminated at the end of the month (or now, for the current month)."),
        new("share", ReportColumnType.Number, "active / customers."),
    ];

    /// <inheritdoc />
    public string Name => "cohort-retention";

    /// <inheritdoc />
    public string Title => "Cohort retention by registration month";

    /// <inheritdoc />
    public async Task<ReportTable> BuildAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var maxOffset = MaxMonths;
        if (query.Parameters.TryGetValue(MonthsParameter, out var text))
        {
            maxOffset = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months <= MaxMonths
                ? months
                : throw new ReportQueryException(MonthsParameter, $"Must be a whole number from 0 to {MaxMonths}.");
        }

        var facts = await readModel.ReadCohortsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var churned = facts.EverTerminated.ToLookup(h => MonthOf(h.RegisteredAt));
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var cohort in facts.Cohorts)
        {
            var start = new DateTimeOffset(
                int.Parse(cohort.Month[..4], CultureInfo.InvariantCulture), int.Parse(cohort.Month[5..7], CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero);
            var last = Math.Min(maxOffset, ((now.Year - start.Year) * 12) + now.Month - start.Month);
            for (var offset = 0; offset <= last; offset++)
            {
                var end = start.AddMonths(offset + 1);
                var terminated = churned[cohort.Month].Count(h => IsTerminatedBefore(h, end));
                var active = cohort.Customers - terminated;
                rows.Add([cohort.Month, (long)offset, cohort.Customers, active, cohort.Customers == 0 ? 0d : (double)active / cohort.Customers]);
            }
        }

        return new ReportTable(Columns, rows, [
            "Active: not Terminated at the end of the month (the last stage change before the month ended; now for the current month). Customers won back count as active again.",
            "Months are calendar months in UTC.",
        ]);
    }

    private static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool IsTerminatedBefore(CustomerStageHistory history, DateTimeOffset end)
    {
        var stage = LifecycleStage.Prospect;
        foreach (var change in history.Changes)
        {
            if (change.At >= end)
            {
                break;
            }

            stage = change.To;
        }

        return stage == LifecycleStage.Terminated;
    }
}
