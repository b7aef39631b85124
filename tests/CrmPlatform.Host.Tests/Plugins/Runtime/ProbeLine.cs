namespace CrmPlatform.Host.Tests.Plugins.Runtime;

/// <summary>One event delivery as the probe recorded it.</summary>
internal sealed record ProbeLine(
    string Plugin,
    string Version,
    Guid EventId,
    string CustomerId,
    long Sequence,
    long Position,
    int Attempt,
    string Type,
    string Outcome)
{
    public bool Succeeded => Outcome == "ok";

    public static ProbeLine Parse(string line)
    {
        var fields = line.Split('\t').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        return new ProbeLine(
            fields["plugin"],
            fields["version"],
            Guid.Parse(fields["event"]),
            fields["customer"],
            long.Parse(fields["sequence"]),
            long.Parse(fields["position"]),
            int.Parse(fields["attempt"]),
            fields["type"],
            fields["outcome"]);
    }
}
