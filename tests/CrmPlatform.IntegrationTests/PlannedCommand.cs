namespace CrmPlatform.IntegrationTests;

/// <summary>One command of the load: a POST with a JSON body and its own idempotency key.</summary>
/// <param name="Index">Position in the plan.</param>
/// <param name="CustomerId">The customer it changes.</param>
/// <param name="Kind">For reports: register, interaction, tags or order.</param>
/// <param name="Path">The route, relative to the API's base address.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="IdempotencyKey">Sent with every attempt of this command, and only with it.</param>
internal sealed record PlannedCommand(int Index, string CustomerId, string Kind, string Path, string Body, string IdempotencyKey);
