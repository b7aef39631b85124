namespace CrmPlatform.Host.Console.People;

/// <summary>
/// A person who signs in to the console (never an API key: machines have those). Mutable because
/// ASP.NET Core Identity's <c>UserManager</c> changes a user object and then asks the store to save it.
/// </summary>
internal sealed class ConsolePerson
{
    /// <summary>The stable id.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>The name the person signs in with (an email address, usually).</summary>
    public string UserName { get; set; } = "";

    /// <summary>The sign-in name as Identity's normalizer writes it, for look-ups.</summary>
    public string NormalizedUserName { get; set; } = "";

    /// <summary>The name to show.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>What the person does.</summary>
    public ConsoleRole Role { get; set; }

    /// <summary>The password hash Identity's <c>PasswordHasher</c> wrote (never the password).</summary>
    public string? PasswordHash { get; set; }

    /// <summary>Changes when the credentials change: existing sign-ins are then refused.</summary>
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Changes on every save: a save based on an older copy fails instead of undoing another.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Failed sign-ins since the last success.</summary>
    public int AccessFailedCount { get; set; }

    /// <summary>Locked out until then.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>Whether failed sign-ins lock the person out.</summary>
    public bool LockoutEnabled { get; set; } = true;

    /// <summary>When the person was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
