using CrmPlatform.Grains.Customers.Validation;
using CrmPlatform.Host.Kernel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Host.Security;

/// <summary><c>/api/keys</c>: create, list and revoke API keys (admin only).</summary>
public static class ApiKeyEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        keys.RequireAuthorization(CrmPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapGet("", ListAsync).WithName("ListApiKeys").WithSummary("List API keys");
        keys.MapPost("", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key; its secret is returned once");
        keys.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key (never the last active admin key)");
        return keys;
    }

    internal static async Task<Ok<IReadOnlyList<ApiKeyInfo>>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    internal static async Task<Results<Created<CreatedApiKey>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest body, ApiKeyStore store, CancellationToken cancellationToken)
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
            return TypedProblems.Invalid(errors);
        }

        var created = await store.CreateAsync(body.Name!.Trim(), role!.Value, cancellationToken);
        return TypedResults.Created($"/api/keys/{created.Info.Id}", created);
    }

    internal static async Task<Results<NoContent, NotFoundProblem, ConflictProblem>> RevokeAsync(string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.RevokeKeepingAnAdminAsync(id, cancellationToken) switch
        {
            ApiKeyRevocation.Revoked => TypedResults.NoContent(),
            ApiKeyRevocation.LastAdmin => TypedProblems.Conflict(
                $"API key '{id}' is the only active admin key; create another admin key first, then revoke this one.",
                "The last active admin key cannot be revoked."),
            _ => TypedProblems.NotFound($"No active API key '{id}'."),
        };
}
