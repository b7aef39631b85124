using System.Text;

namespace CrmPlatform.Grains.EventLog;

/// <summary>
/// Maps customer ids to log partitions with FNV-1a over the id's UTF-8 bytes: stable across
/// processes, machines and versions (unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class CustomerPartitions
{
    /// <summary>The partition of a customer id among <paramref name="partitionCount"/>.</summary>
    public static int Of(string customerId, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(customerId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }
}
