namespace CrmPlatform.Host.Console.People;

/// <summary>Why the welcome page does not offer to create the first admin.</summary>
internal enum WelcomeClosed
{
    /// <summary>Someone exists already: people sign in.</summary>
    SomeoneExists,

    /// <summary>The request did not come from a browser on this machine.</summary>
    NotLocal,

    /// <summary>A cluster's first admin comes from its configuration, not from a browser.</summary>
    ClusterMode,
}
