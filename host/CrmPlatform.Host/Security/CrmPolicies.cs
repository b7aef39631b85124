namespace CrmPlatform.Host.Security;

/// <summary>The authorization policies of the API, one per role.</summary>
public static class CrmPolicies
{
    /// <summary>Any valid key.</summary>
    public const string Read = "crm.read";

    /// <summary>Agent or admin keys.</summary>
    public const string Write = "crm.write";

    /// <summary>Admin keys.</summary>
    public const string Admin = "crm.admin";
}
