using System.Text;

namespace CrmPlatform.Host.Customers.ReadModel;

/// <summary>The opaque cursor of customer lists: the last id of the page, base64url-encoded.</summary>
public static class CustomerCursor
{
    /// <summary>The cursor for the page after <paramref name="lastId"/>.</summary>
    public static string Encode(string lastId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(lastId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The last id of a cursor, or null when the cursor is not one the platform made.</summary>
    public static string? Decode(string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/').PadRight((cursor.Length + 3) / 4 * 4, '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
