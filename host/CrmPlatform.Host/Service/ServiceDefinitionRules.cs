using CrmPlatform.Grains.Customers.Validation;

namespace CrmPlatform.Host.Service;

/// <summary>What makes a queue, a calendar or an SLA policy valid; each failing field is named.</summary>
internal static class ServiceDefinitionRules
{
    private const int MaxMembers = 500;

    public static FieldErrors Queue(string id, QueueRequest body)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "queueId", id);
        CustomerFields.Text(errors, "name", body.Name, 200);
        if (body.Members is not { Count: > 0 } members)
        {
            errors.Add("members", "Name at least one agent.");
        }
        else if (members.Count > MaxMembers)
        {
            errors.Add("members", $"At most {MaxMembers} agents.");
        }
        else
        {
            for (var i = 0; i < members.Count; i++)
            {
                CustomerFields.Text(errors, $"members[{i}]", members[i], 100, required: true);
            }

            if (members.Select(m => m?.Trim()).Distinct(StringComparer.Ordinal).Count() != members.Count)
            {
                errors.Add("members", "An agent is named twice.");
            }
        }

        if (body.Strategy is { } strategy && !Enum.IsDefined(strategy))
        {
            errors.Add("strategy", "Must be roundRobin or leastLoaded.");
        }

        if (body.MaxActivePerAgent is < 1)
        {
            errors.Add("maxActivePerAgent", "Must be at least 1.");
        }

        return errors;
    }

    public static FieldErrors Calendar(string id, CalendarDefinition body)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "calendarId", id);
        CustomerFields.Text(errors, "timeZone", body.TimeZone, 100, required: true);
        if (body.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            errors.Add("timeZone", "Not a known IANA time zone, for example 'Europe/Berlin'.");
        }

        if (body.Hours is not { Count: > 0 } hours)
        {
            errors.Add("hours", "Name the working hours of at least one weekday.");
        }
        else
        {
            for (var i = 0; i < hours.Count; i++)
            {
                var day = errors.Required($"hours[{i}].day", hours[i].Day);
                if (day is { } d && !Enum.IsDefined(d))
                {
                    errors.Add($"hours[{i}].day", "Not a weekday.");
                }

                var start = errors.Required($"hours[{i}].start", hours[i].Start);
                var end = errors.Required($"hours[{i}].end", hours[i].End);
                if (start is { } s && end is { } e && e <= s)
                {
                    errors.Add($"hours[{i}].end", "Must be after start.");
                }
            }

            if (hours.Where(h => h.Day is not null).GroupBy(h => h.Day).Any(g => g.Count() > 1))
            {
                errors.Add("hours", "A weekday is named twice.");
            }
        }

        if (body.Holidays is { Count: > 3_660 })
        {
            errors.Add("holidays", "At most 3660 holidays.");
        }

        return errors;
    }

    public static FieldErrors Policy(string id, SlaPolicyDefinition body)
    {
        var errors = new FieldErrors();
        CustomerFields.Id(errors, "policyId", id);
        CustomerFields.Id(errors, "calendarId", body.CalendarId, required: false);
        if (body.FirstResponseMinutes is null && body.ResolutionMinutes is null)
        {
            errors.Add("firstResponseMinutes", "Set a first response or a resolution target.");
        }

        if (body.FirstResponseMinutes is < 1 or > 525_600)
        {
            errors.Add("firstResponseMinutes", "Must be from 1 to 525600 minutes.");
        }

        if (body.ResolutionMinutes is < 1 or > 525_600)
        {
            errors.Add("resolutionMinutes", "Must be from 1 to 525600 minutes.");
        }

        if (body.WarnAtPercent is < 1 or > 99)
        {
            errors.Add("warnAtPercent", "Must be from 1 to 99.");
        }

        if (body.Priorities?.Any(p => !Enum.IsDefined(p)) == true)
        {
            errors.Add("priorities", "Must be low, normal, high or urgent.");
        }

        if (body.Tiers?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add("tiers", "A tier must not be empty.");
        }

        return errors;
    }
}
