using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Sales;
using CrmPlatform.Grains.Customers;
using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Sdk.Events;
using CrmPlatform.Sdk.Sales;

namespace CrmPlatform.Grains.Sales;

/// <summary>
/// Decides what a command means for an opportunity: validates it against the opportunity's state
/// and returns the events to write. Pure: no I/O, the time is passed in.
/// </summary>
public sealed class OpportunityDecider(string opportunityId, OpportunityState state, DateTimeOffset now)
{
    private const string CurrencyRule = "Must be an ISO 4217 code in upper case, for example 'EUR'.";
    private const string ProbabilityRule = "Must be from 0 to 100.";

    /// <summary>Decides one command.</summary>
    public Decision Decide(OpportunityCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is OpenOpportunity open)
        {
            return Open(open);
        }

        if (!state.Exists)
        {
            return Decision.Refuse(CommandResult.NotFound(opportunityId, $"Opportunity '{opportunityId}' does not exist."));
        }

        return command switch
        {
            MoveOpportunityStage c => MoveStage(c),
            ChangeOpportunityTerms c => ChangeTerms(c),
            WinOpportunity => Win(),
            LoseOpportunity c => Lose(c),
            ReopenOpportunity => Reopen(),
            _ => throw new NotSupportedException($"Command '{command.GetType().Name}' is not handled."),
        };
    }

    private Decision Open(OpenOpportunity c)
    {
        if (state.Exists)
        {
            return Decision.Refuse(CommandResult.Conflict(opportunityId, $"Opportunity '{opportunityId}' is already open."));
        }

        var errors = new FieldErrors();
        CustomerFields.Id(errors, "customerId", c.CustomerId);
        CustomerFields.Text(errors, "name", c.Name, 200, required: true);
        CheckAmount(errors, errors.Required("amount", c.Amount));
        CheckCurrency(errors, c.Currency, required: true);
        errors.Required("expectedCloseDate", c.ExpectedCloseDate);
        CustomerFields.Text(errors, "owner", c.Owner, 100, required: true);
        var stage = c.Stage ?? OpportunityStage.Prospecting;
        CheckOpenStage(errors, stage);
        CheckProbability(errors, c.Probability);
        return Invalid(errors) ?? Decision.Emit(now, new OpportunityOpened(
            opportunityId, c.Name!.Trim(), c.Amount!.Value, c.Currency!, c.ExpectedCloseDate!.Value, c.Owner!.Trim(), stage,
            c.Probability ?? OpportunityPipeline.DefaultProbability(stage)));
    }

    private Decision MoveStage(MoveOpportunityStage c)
    {
        var errors = new FieldErrors();
        if (errors.Required("stage", c.Stage) is { } to)
        {
            CheckOpenStage(errors, to);
        }

        CheckProbability(errors, c.Probability);
        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (Closed() is { } closed)
        {
            return closed;
        }

        var stage = c.Stage!.Value;
        var probability = c.Probability ?? OpportunityPipeline.DefaultProbability(stage);
        return stage == state.Stage && probability == state.Probability
            ? Decision.Emit(now)
            : Decision.Emit(now, new OpportunityStageMoved(state.Stage, stage, probability));
    }

    private Decision ChangeTerms(ChangeOpportunityTerms c)
    {
        var errors = new FieldErrors();
        if (c.Amount is null && c.Currency is null && c.ExpectedCloseDate is null)
        {
            errors.Add("amount", "Give an amount, a currency or an expected close date.");
        }

        CheckAmount(errors, c.Amount);
        CheckCurrency(errors, c.Currency, required: false);
        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (Closed() is { } closed)
        {
            return closed;
        }

        var terms = new OpportunityTermsChanged(c.Amount ?? state.Amount, c.Currency ?? state.Currency, c.ExpectedCloseDate ?? state.ExpectedCloseDate);
        return terms.Amount == state.Amount && terms.Currency == state.Currency && terms.ExpectedCloseDate == state.ExpectedCloseDate
            ? Decision.Emit(now)
            : Decision.Emit(now, terms);
    }

    private Decision Win() =>
        Closed() ?? Decision.Emit(now, new OpportunityWon(state.Stage, state.Amount, state.Currency));

    private Decision Lose(LoseOpportunity c)
    {
        var errors = new FieldErrors();
        CustomerFields.Text(errors, "reason", c.Reason, 500, required: true);
        return Invalid(errors) ?? Closed() ?? Decision.Emit(now, new OpportunityLost(state.Stage, c.Reason!.Trim()));
    }

    private Decision Reopen() =>
        state.Stage == OpportunityStage.Lost
            ? Decision.Emit(now, new OpportunityReopened(state.LostFrom, OpportunityPipeline.DefaultProbability(state.LostFrom)))
            : Decision.Refuse(CommandResult.Conflict(opportunityId, $"Only a lost opportunity can be reopened; this one is {Describe(state.Stage)}."));

    /// <summary>The refusal for a command that needs an open opportunity, or null when it is open.</summary>
    private Decision? Closed() =>
        state.IsOpen
            ? null
            : Decision.Refuse(CommandResult.Conflict(opportunityId, $"The opportunity is {Describe(state.Stage)}; only an open opportunity can change."));

    private static string Describe(OpportunityStage stage) => stage.ToString().ToLowerInvariant();

    private static void CheckAmount(FieldErrors errors, decimal? amount)
    {
        if (amount < 0)
        {
            errors.Add("amount", "Must not be negative.");
        }
    }

    private static void CheckCurrency(FieldErrors errors, string? currency, bool required)
    {
        if (currency is null ? required : !CustomerFields.IsValidCurrency(currency))
        {
            errors.Add("currency", currency is null ? "Required." : CurrencyRule);
        }
    }

    private static void CheckOpenStage(FieldErrors errors, OpportunityStage stage)
    {
        if (!OpportunityPipeline.IsOpen(stage))
        {
            errors.Add("stage", "Must be an open stage (prospecting, qualification, proposal or negotiation); win or lose the opportunity to close it.");
        }
    }

    private static void CheckProbability(FieldErrors errors, int? probability)
    {
        if (probability is < 0 or > 100)
        {
            errors.Add("probability", ProbabilityRule);
        }
    }

    private Decision? Invalid(FieldErrors errors) =>
        errors.IsEmpty ? null : Decision.Refuse(CommandResult.Invalid(opportunityId, errors.ToDictionary()));
}
