using System.Reflection;
using CrmPlatform.Host.Kernel;

namespace CrmPlatform.Host.Hosting;

/// <summary>
/// Checks the platform's command line before anything starts: every argument must be a setting
/// (<c>--key=value</c>, <c>--key value</c>, <c>/key value</c> or <c>key=value</c>, as the configuration
/// reads them) under <c>Crm:</c> or a host setting the process knows; <c>Crm:</c> keys themselves are
/// checked with the rest of the configuration by <see cref="CrmConfigurationKeys"/>.
/// </summary>
internal static class CrmCommandLine
{
    /// <summary>Settings of ASP.NET Core and the generic host that the platform honours, besides its own.</summary>
    private static readonly string[] HostSettings =
        ["urls", "http_ports", "https_ports", "environment", "contentRoot", "applicationName", "AllowedHosts", "Logging", "Kestrel", "hostBuilder"];

    public static bool IsHelp(IReadOnlyList<string> args) => args is ["--help" or "-h" or "-?" or "/?"];

    public static bool IsVersion(IReadOnlyList<string> args) => args is ["--version"];

    /// <summary>The reason the arguments are refused, or null when every one is a known setting.</summary>
    public static string? FindUnknown(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string key;
            if (arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/'))
            {
                var body = arg.TrimStart('-', '/');
                var equals = body.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    // "--key value": the next argument is the value.
                    if (i + 1 >= args.Count)
                    {
                        return $"Unknown argument '{arg}' (a setting needs a value: --key=value). Run with --help for usage.";
                    }

                    i++;
                }

                key = equals < 0 ? body : body[..equals];
            }
            else if (arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var equals && !arg.StartsWith('-'))
            {
                key = arg[..equals];
            }
            else
            {
                return $"Unknown argument '{arg}'. Run with --help for usage.";
            }

            var top = key.Split(ConfigurationPath.KeyDelimiter, 2)[0];
            if (!top.Equals(CrmHostOptions.SectionName, StringComparison.OrdinalIgnoreCase)
                && !HostSettings.Contains(top, StringComparer.OrdinalIgnoreCase))
            {
                return $"Unknown argument '{arg}': '{key}' is not a setting of the platform. Run with --help for usage.";
            }
        }

        return null;
    }

    /// <summary>The platform's version (its informational version, without the source revision).</summary>
    public static string Version()
    {
        var version = typeof(CrmCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(CrmCommandLine).Assembly.GetName().Version?.ToString()
            ?? "unknown";
        return version.Split('+')[0];
    }

    public static string Usage() =>
        $"""
        CrmPlatform {Version()}

        Usage:
          CrmPlatform.Host [settings]                  run the platform
          CrmPlatform.Host migrate [--status] [settings]
                                                       create or migrate the storage's tables and exit;
                                                       --status lists pending migrations without applying them
          CrmPlatform.Host import customers|orders <file.csv> --mapping <mapping.json> [--url …] [--key …]
                                                       upload a CSV file to a running platform
          CrmPlatform.Host --help | --version

        Settings (also from appsettings.json and the environment, Crm__Storage__Provider=…):
          --urls=http://127.0.0.1:5080                 where the API listens
          --Crm:DataDirectory=data                     embedded databases and the first admin key
          --Crm:Storage:Provider=Sqlite|Postgres       storage backend
          --Crm:Storage:ConnectionString=…             PostgreSQL connection string (cluster mode)
          --Crm:SiloPort=11111 --Crm:GatewayPort=30000 Orleans ports
          and every other Crm:… option (see the README's Configuration section).

        Exit codes: 0 done; 1 failed while running; 2 unknown argument or Crm: setting;
          3 missing or invalid setting; 4 migrate --status found pending migrations.
        """;
}
