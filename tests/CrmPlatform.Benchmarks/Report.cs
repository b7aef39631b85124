using System.Globalization;

namespace CrmPlatform.Benchmarks;

/// <summary>Prints the benchmark's figures as aligned tables.</summary>
internal static class Report
{
    public static void Title(string text)
    {
        Console.WriteLine();
        Console.WriteLine(text);
        Console.WriteLine(new string('=', text.Length));
    }

    public static void Progress(string text) => Console.WriteLine($"  .. {text}");

    public static void Table(string title, IReadOnlyList<(string Name, string Value)> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        var width = rows.Max(r => r.Name.Length);
        Console.WriteLine($"  {new string('-', width)}  {new string('-', Math.Max(10, rows.Max(r => r.Value.Length)))}");
        foreach (var (name, value) in rows)
        {
            Console.WriteLine($"  {name.PadRight(width)}  {value}");
        }
    }

    public static void Grid(string title, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine("  " + string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))));
        Console.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            Console.WriteLine("  " + string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))));
        }
    }

    public static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + " ms";

    public static string S(TimeSpan value) => value.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    public static string MiB(double bytes) => (bytes / (1024 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    public static string Bytes(double bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";
}
