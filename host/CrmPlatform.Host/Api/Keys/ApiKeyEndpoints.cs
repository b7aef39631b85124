using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Api.Problems;
using CrmPlatform.Host.Security;

namespace CrmPlatform.Host.Api.Keys;

/// <summary><c>/api/keys</c>: create, list and revoke API keys (admin only).</summary>
public static class ApiKeyEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        keys.RequireAuthorization(CrmPolicies.Admin);

        keys.MapGet("", (ApiKeyStore store, CancellationToken cancellationToken) => store.ListAsync(cancellationToken))
            .WithName("ListApiKeys").WithSummary("List API keys")
            .Produces<IReadOnlyList<ApiKeyInfo>>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("", async (CreateApiKeyRequest body, ApiKeyStore store, CancellationToken cancellationToken) =>
        {
            var errors = new FieldErrors();
            CustomerFields.Text(errors, "name", body.Name, 100, required: true);
            var role = errors.Required("role", body.Role);
            if (role is { } r && !Enum.IsDefined(r))
            {
                errors.Add("role", "Must be 'reader', 'agent' or 'admin'.");
            }

            if (!errors.IsEmpty)
            {
                return ApiProblems.Invalid(errors);
            }

            var created = await store.CreateAsync(body.Name!.Trim(), role!.Value, cancellationToken);
            return Results.Created($"/api/keys/{created.Info.Id}", created);
        }).WithName("CreateApiKey").WithSummary("Create an API key; its secret is returned once")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapDelete("/{id}", async (string id, ApiKeyStore store, CancellationToken cancellationToken) =>
            await store.RevokeKeepingAnAdminAsync(id, cancellationToken) switch
            {
                ApiKeyRevocation.Revoked => Results.NoContent(),
                ApiKeyRevocation.LastAdmin => Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The last active admin key cannot be revoked.",
                    detail: $"API key '{id}' is the only active admin key; create another admin key first, then revoke this one."),
                _ => ApiProblems.NotFound($"No active API key '{id}'."),
            })
            .WithName("RevokeApiKey").WithSummary("Revoke an API key (never the last active admin key)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        return keys;
    }
}
