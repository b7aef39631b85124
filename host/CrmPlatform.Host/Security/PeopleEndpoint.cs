namespace CrmPlatform.Host.Security;

/// <summary>Endpoint metadata: people reach this route with the console's sign-in cookie (see <see cref="CrmAuthentication"/>).</summary>
public sealed class PeopleEndpoint
{
    /// <summary>The one instance routes carry.</summary>
    public static PeopleEndpoint Instance { get; } = new();

    private PeopleEndpoint()
    {
    }
}
