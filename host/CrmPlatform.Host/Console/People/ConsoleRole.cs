namespace CrmPlatform.Host.Console.People;

/// <summary>What a person who signs in to the console does; each maps onto the API's permission levels (<see cref="ConsoleRoles.Permission"/>).</summary>
internal enum ConsoleRole
{
    /// <summary>Reads customers, lists and reports; changes nothing.</summary>
    Reader = 0,

    /// <summary>Works with customers: sales and service.</summary>
    Agent = 1,

    /// <summary>Works with segments and campaigns.</summary>
    Marketer = 2,

    /// <summary>Leads a team: the book, the pipeline, the queue.</summary>
    Manager = 3,

    /// <summary>Runs the platform: people, keys, plugins, imports.</summary>
    Admin = 4,
}
