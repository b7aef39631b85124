namespace CrmPlatform.Host.Security;

/// <summary>What an API key may do. Each role includes the ones before it.</summary>
public enum ApiKeyRole
{
    /// <summary>Read customers, lists and timelines.</summary>
    Reader = 0,

    /// <summary>Also run commands on customers.</summary>
    Agent = 1,

    /// <summary>Also manage API keys.</summary>
    Admin = 2,
}
