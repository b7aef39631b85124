namespace CrmPlatform.Sdk.Hooks;

/// <summary>What a failing or overrunning hook means for the command.</summary>
public enum HookFailure
{
    /// <summary>The command goes ahead as if the hook had allowed it (fail open).</summary>
    Allow = 0,

    /// <summary>The command is refused (fail closed): for hooks that guard money or compliance.</summary>
    Veto = 1,
}
