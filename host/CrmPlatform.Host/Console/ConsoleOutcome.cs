namespace CrmPlatform.Host.Console;

/// <summary>What became of an action a person started in the console.</summary>
internal enum ConsoleOutcome
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>The person's role does not allow it: nothing was written.</summary>
    Forbidden,

    /// <summary>The thing it was for does not exist.</summary>
    NotFound,

    /// <summary>The platform's rules refused it (bad input, a forbidden transition, a plugin's veto).</summary>
    Refused,
}
