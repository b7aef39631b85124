using System.Diagnostics;

namespace CrmPlatform.Benchmarks;

/// <summary>Recorded latencies (Stopwatch ticks) and their percentiles, by nearest rank.</summary>
internal sealed class Latencies
{
    private readonly long[] _sorted;

    public Latencies(IEnumerable<long> ticks)
    {
        _sorted = [.. ticks];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Max => Count == 0 ? double.NaN : ToMs(_sorted[^1]);

    public static double ToMs(long ticks) => ticks * 1_000.0 / Stopwatch.Frequency;

    /// <summary>The <paramref name="percent"/>th percentile in milliseconds (nearest rank).</summary>
    public double Percentile(double percent)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return ToMs(_sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)]);
    }

    public string Summary() => $"p50 {P50:F2} ms, p99 {P99:F2} ms, p99.9 {Percentile(99.9):F2} ms, max {Max:F2} ms (n={Count:N0})";
}
