using System.Globalization;

namespace CrmPlatform.IntegrationTests.Plugins;

/// <summary>
/// What the Counter plugin wrote: its files <c>&lt;plugin id&gt;.&lt;process id&gt;.log</c> (one per host
/// process), one line <c>eventId customerId sequence recordedAt handledAt</c> per handled event.
/// A line in a file counts as handled; a line that does not parse is counted as malformed.
/// </summary>
internal sealed class CounterFiles
{
    private CounterFiles(IReadOnlyList<CounterLine> lines, IReadOnlyDictionary<string, int> linesPerFile, int malformed)
    {
        Lines = lines;
        LinesPerFile = linesPerFile;
        Malformed = malformed;
    }

    /// <summary>Every line of every file.</summary>
    public IReadOnlyList<CounterLine> Lines { get; }

    /// <summary>Lines per file name.</summary>
    public IReadOnlyDictionary<string, int> LinesPerFile { get; }

    /// <summary>Lines that did not parse.</summary>
    public int Malformed { get; }

    /// <summary>Reads the files of <paramref name="pluginId"/> in <paramref name="directory"/>.</summary>
    public static CounterFiles Read(string directory, string pluginId)
    {
        var lines = new List<CounterLine>();
        var perFile = new Dictionary<string, int>(StringComparer.Ordinal);
        var malformed = 0;
        if (!Directory.Exists(directory))
        {
            return new CounterFiles(lines, perFile, 0);
        }

        foreach (var file in Directory.EnumerateFiles(directory, $"{pluginId}.*.log"))
        {
            var middle = Path.GetFileName(file)[(pluginId.Length + 1)..^".log".Length];
            if (!middle.All(char.IsAsciiDigit))
            {
                continue;
            }

            var count = 0;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } text)
            {
                if (CounterLine.TryParse(text, out var line))
                {
                    lines.Add(line);
                    count++;
                }
                else if (text.Length > 0)
                {
                    malformed++;
                }
            }

            perFile[Path.GetFileName(file)] = count;
        }

        return new CounterFiles(lines, perFile, malformed);
    }

    /// <summary>
    /// Compares the lines with the log's event ids: which events have no line (missing), which lines
    /// name no event of the log (unknown), and how many lines repeat an event already seen (duplicates).
    /// </summary>
    public (List<Guid> Missing, List<Guid> Unknown, int Duplicates, int Distinct) Compare(IEnumerable<Guid> logEventIds)
    {
        var log = logEventIds.ToHashSet();
        var seen = new HashSet<Guid>();
        var duplicates = 0;
        foreach (var line in Lines)
        {
            if (!seen.Add(line.EventId))
            {
                duplicates++;
            }
        }

        return ([.. log.Where(id => !seen.Contains(id))], [.. seen.Where(id => !log.Contains(id))], duplicates, seen.Count);
    }
}

/// <summary>One line of a Counter file.</summary>
internal sealed record CounterLine(Guid EventId, string CustomerId, long Sequence, DateTimeOffset RecordedAt, DateTimeOffset HandledAt)
{
    /// <summary>Handled minus recorded.</summary>
    public TimeSpan Latency => HandledAt - RecordedAt;

    public static bool TryParse(string text, out CounterLine line)
    {
        line = null!;
        var parts = text.Split(' ');
        if (parts.Length != 5
            || !Guid.TryParseExact(parts[0], "N", out var id)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || !DateTimeOffset.TryParseExact(parts[3], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var recorded)
            || !DateTimeOffset.TryParseExact(parts[4], "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var handled))
        {
            return false;
        }

        line = new CounterLine(id, parts[1], sequence, recorded, handled);
        return true;
    }
}
