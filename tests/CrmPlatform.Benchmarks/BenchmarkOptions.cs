using System.Globalization;

namespace CrmPlatform.Benchmarks;

/// <summary>The sizes of one benchmark run, from the command line.</summary>
internal sealed record BenchmarkOptions(
    int Customers,
    int Commands,
    bool Quick,
    int HttpWorkers,
    TimeSpan HttpWarmup,
    TimeSpan HttpDuration,
    int HttpCustomers,
    int MemoryCustomers,
    int InFlightWindow,
    IReadOnlySet<string> Phases)
{
    public static readonly string[] AllPhases = ["grains", "raw", "http", "plugins", "memory", "churn"];

    /// <summary>The phases run when none are named: all but churn, which needs the Telco data file.</summary>
    public static readonly string[] DefaultPhases = ["grains", "raw", "http", "plugins", "memory"];

    public const string Usage = """
        Usage: dotnet run -c Release --project tests/CrmPlatform.Benchmarks -- [options]

          --customers N          customers in the grain and raw-insert runs (default 1000; quick 200)
          --commands M           commands per customer, one event each (default 50; quick 20)
          --quick                small sizes and short HTTP runs (well under a minute)
          --http-seconds S       length of each HTTP run (default 10; quick 3)
          --http-workers W       concurrent HTTP workers in the saturation run (default 64)
          --memory-customers K   customers activated in the memory run (default 100000; quick 10000)
          --plugin-rate R        events/s of the plugins phase's paced latency run (default 5000)
          --phases LIST          comma-separated subset of grains,raw,http,plugins,memory,churn (default all but churn;
                                 churn imports the Telco churn file and trains the analytics plugin's churn model)
          --help                 this text
        """;

    /// <summary>Events per second of the plugins phase's paced latency run.</summary>
    public int PluginRate { get; init; } = 5_000;

    public long TotalCommands => (long)Customers * Commands;

    /// <summary>Reads the options; null when the caller asked for help or gave bad arguments (the message is in <paramref name="error"/>).</summary>
    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        error = null;
        var quick = args.Contains("--quick");
        int? customers = null, commands = null, httpSeconds = null, workers = null, memory = null, pluginRate = null;
        var phases = new HashSet<string>(DefaultPhases);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--help" or "-h" or "-?":
                    return null;
                case "--customers":
                    customers = ReadPositive(args, ref i, ref error);
                    break;
                case "--commands":
                    commands = ReadPositive(args, ref i, ref error);
                    break;
                case "--http-seconds":
                    httpSeconds = ReadPositive(args, ref i, ref error);
                    break;
                case "--http-workers":
                    workers = ReadPositive(args, ref i, ref error);
                    break;
                case "--memory-customers":
                    memory = ReadPositive(args, ref i, ref error);
                    break;
                case "--plugin-rate":
                    pluginRate = ReadPositive(args, ref i, ref error);
                    break;
                case "--phases" when i + 1 < args.Length:
                    phases = new HashSet<string>(args[++i].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                    if (phases.Count == 0 || phases.Except(AllPhases).Any())
                    {
                        error = $"--phases takes a comma-separated subset of {string.Join(',', AllPhases)}.";
                    }

                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return null;
            }

            if (error is not null)
            {
                return null;
            }
        }

        var seconds = httpSeconds ?? (quick ? 3 : 10);
        var httpWorkers = workers ?? 64;
        return new BenchmarkOptions(
            Customers: customers ?? (quick ? 200 : 1_000),
            Commands: commands ?? (quick ? 20 : 50),
            Quick: quick,
            HttpWorkers: httpWorkers,
            HttpWarmup: TimeSpan.FromSeconds(quick ? 1 : 2),
            HttpDuration: TimeSpan.FromSeconds(seconds),
            HttpCustomers: httpWorkers * 16,
            MemoryCustomers: memory ?? (quick ? 10_000 : 100_000),
            InFlightWindow: 2_000,
            Phases: phases)
        {
            PluginRate = pluginRate ?? 5_000,
        };
    }

    private static int ReadPositive(string[] args, ref int i, ref string? error)
    {
        var name = args[i];
        if (i + 1 >= args.Length
            || !int.TryParse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            || value < 1)
        {
            error = $"{name} needs a positive whole number.";
            return 0;
        }

        return value;
    }
}
