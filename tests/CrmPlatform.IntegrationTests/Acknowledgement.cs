namespace CrmPlatform.IntegrationTests;

/// <summary>How a planned command ended for the client.</summary>
/// <param name="Command">The command.</param>
/// <param name="StatusCode">The HTTP status of the final answer.</param>
/// <param name="Status"><c>accepted</c> or <c>unchanged</c> for a 2xx answer, else null.</param>
/// <param name="FirstSequence">The first sequence the answer reported.</param>
/// <param name="LastSequence">The last sequence the answer reported.</param>
/// <param name="Replayed">True when the answer carried <c>Idempotent-Replayed: true</c>.</param>
/// <param name="Attempts">How many times the command was sent.</param>
/// <param name="Refusal">The body of a final answer that was not 2xx.</param>
internal sealed record Acknowledgement(
    PlannedCommand Command, int StatusCode, string? Status, long FirstSequence, long LastSequence, bool Replayed, int Attempts, string? Refusal)
{
    /// <summary>True for a 2xx answer.</summary>
    public bool IsAcknowledged => StatusCode is >= 200 and < 300;

    /// <summary>How many events the answer says the command wrote.</summary>
    public long EventCount => Status == "accepted" ? LastSequence - FirstSequence + 1 : 0;
}
