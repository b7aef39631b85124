using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Hooks;

/// <summary>
/// Turns hooks' enrichments into events written with the command's own: tags the customer lacks
/// and insights, each checked by the same rules as the commands that write them. Invalid
/// additions are dropped (and reported), never written.
/// </summary>
internal static class HookEnrichment
{
    public static IReadOnlyList<ICustomerEvent> EventsFor(HookVerdict verdict, CustomerState state, IReadOnlyList<ICustomerEvent> commandEvents, out IReadOnlyList<string> dropped)
    {
        var rejected = new List<string>();
        var events = new List<ICustomerEvent>();
        var alreadyAdded = commandEvents.OfType<TagsChanged>().SelectMany(t => t.Added).ToHashSet(StringComparer.Ordinal);
        var tags = verdict.Tags.Distinct(StringComparer.Ordinal)
            .Where(t => !state.Tags.Contains(t) && !alreadyAdded.Contains(t))
            .ToList();
        rejected.AddRange(tags.Where(t => !CustomerFields.IsValidTag(t)).Select(t => $"tag '{t}'"));
        tags.RemoveAll(t => !CustomerFields.IsValidTag(t));
        if (state.Tags.Count + alreadyAdded.Count + tags.Count > CustomerFields.MaxTags)
        {
            rejected.AddRange(tags.Select(t => $"tag '{t}' (too many tags)"));
            tags.Clear();
        }

        if (tags.Count > 0)
        {
            events.Add(new TagsChanged(tags, []));
        }

        foreach (var (source, insight) in verdict.Insights)
        {
            var errors = new FieldErrors();
            CustomerFields.Channel(errors, "name", insight.Name);
            CustomerFields.Text(errors, "label", insight.Label, 100);
            if (errors.IsEmpty && (insight.Value is null || double.IsFinite(insight.Value.Value)) && (insight.Value is not null || insight.Label is not null))
            {
                events.Add(new InsightUpdated(insight.Name, insight.Value, insight.Label, source));
            }
            else
            {
                rejected.Add($"insight '{insight.Name}' from {source}");
            }
        }

        dropped = rejected;
        return events;
    }
}
