using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using CrmPlatform.Grains.Customers.Options;
using CrmPlatform.Grains.Service;
using CrmPlatform.Grains.Snapshots;
using CrmPlatform.Host.Channels;
using CrmPlatform.Host.Channels.Live;
using CrmPlatform.Host.Import;
using CrmPlatform.Host.Customers.Lifecycle;
using CrmPlatform.Host.Observability;
using CrmPlatform.Host.Plugins;
using CrmPlatform.Host.Customers.ReadModel;
using CrmPlatform.Host.Reports;
using CrmPlatform.Host.Service;
using CrmPlatform.Host.Storage;
using CrmPlatform.Host.Storage.Postgres;
using CrmPlatform.Host.Storage.Sqlite;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Hosting;

/// <summary>
/// The keys the platform reads under <c>Crm:</c>, found by walking its options types the way the
/// configuration binder does; a key none of them binds is a typo the binder would silently ignore,
/// so the process refuses to start with it.
/// </summary>
internal static class CrmConfigurationKeys
{
    /// <summary>Every options type bound under <c>Crm:</c> and its section; a module that adds options adds them here.</summary>
    public static readonly IReadOnlyList<(string Section, Type Options)> Sections =
    [
        (CrmHostOptions.SectionName, typeof(CrmHostOptions)),
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (SqliteEventLogOptions.SectionName, typeof(SqliteEventLogOptions)),
        (PostgresEventLogOptions.SectionName, typeof(PostgresEventLogOptions)),
        (CustomerOptions.SectionName, typeof(CustomerOptions)),
        (SnapshotOptions.SectionName, typeof(SnapshotOptions)),
        (LifecycleSchedulerOptions.SectionName, typeof(LifecycleSchedulerOptions)),
        (ReadModelOptions.SectionName, typeof(ReadModelOptions)),
        (PluginRuntimeOptions.SectionName, typeof(PluginRuntimeOptions)),
        (ReportOptions.SectionName, typeof(ReportOptions)),
        (ChannelOptions.SectionName, typeof(ChannelOptions)),
        (LiveChannelOptions.SectionName, typeof(LiveChannelOptions)),
        (ImportOptions.SectionName, typeof(ImportOptions)),
        (TelemetryOptions.SectionName, typeof(TelemetryOptions)),
        (CaseOptions.SectionName, typeof(CaseOptions)),
        (SlaTimerOptions.SectionName, typeof(SlaTimerOptions)),
    ];

    /// <summary>The first key under <c>Crm:</c> that has a value and that no options type binds; null when there is none.</summary>
    public static string? FindUnknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(CrmHostOptions.SectionName).AsEnumerable()
            .Where(entry => entry.Value is not null && !IsKnown(entry.Key))
            .Select(entry => entry.Key)
            .Order(StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();
    }

    /// <summary>True when some options type binds <paramref name="key"/> (for example <c>Crm:Storage:Provider</c>).</summary>
    public static bool IsKnown(string key)
    {
        var segments = key.Split(ConfigurationPath.KeyDelimiter);
        foreach (var (section, type) in Sections)
        {
            var prefix = section.Split(ConfigurationPath.KeyDelimiter);
            if (segments.Length > prefix.Length
                && prefix.AsSpan().SequenceEqual(segments.AsSpan(0, prefix.Length), StringComparer.OrdinalIgnoreCase)
                && Binds(type, segments.AsSpan(prefix.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Binds(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.IsEmpty)
        {
            return IsScalar(type);
        }

        if (IsScalar(type))
        {
            return false;
        }

        if ((ValueTypeOf(type, typeof(IDictionary<,>)) ?? ValueTypeOf(type, typeof(IReadOnlyDictionary<,>))) is { } valueType)
        {
            // Any name is a key of a dictionary (custom attributes, frequency caps by channel).
            return Binds(valueType, path[1..]);
        }

        if (type.IsArray || ValueTypeOf(type, typeof(IEnumerable<>)) is not null)
        {
            var element = type.IsArray ? type.GetElementType()! : ValueTypeOf(type, typeof(IEnumerable<>))!;
            return int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out _) && Binds(element, path[1..]);
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property?.GetMethod is { IsPublic: true } && Binds(property.PropertyType, path[1..]);
    }

    // The binder's own test for a value it converts from a string.
    private static bool IsScalar(Type type) =>
        type == typeof(string) || type.IsEnum || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>The last type argument of <paramref name="generic"/> when <paramref name="type"/> is or implements it.</summary>
    private static Type? ValueTypeOf(Type type, Type generic)
    {
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
        return match?.GetGenericArguments()[^1];
    }
}
