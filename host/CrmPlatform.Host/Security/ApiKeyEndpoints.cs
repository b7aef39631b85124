using System.Security.Claims;
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

    /// <summary>
    /// Creates a key. With an Idempotency-Key a retry makes no second key: it answers 200 with the key
    /// the first attempt made (without its secret, which was shown once and is not kept) and
    /// <c>Idempotent-Replayed: true</c>; the same Idempotency-Key with another name or role is 422.
    /// </summary>
    internal static async Task<Results<Created<CreatedApiKey>, Ok<ApiKeyInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest body, HttpContext http, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CustomerFields.Text(errors, "name", body.Name, 100, required: true);
        var role = errors.Required("role", body.Role);
        if (role is { } r && !Enum.IsDefined(r))
        {
            errors.Add("role", "Must be 'reader', 'agent' or 'admin'.");
        }

        var idempotencyKey = IdempotencyKeys.Of(http, errors);
        if (!errors.IsEmpty)
        {
            return TypedProblems.Invalid(errors);
        }

        if (idempotencyKey is null)
        {
            var created = await store.CreateAsync(body.Name!.Trim(), role!.Value, cancellationToken);
            return TypedResults.Created($"/api/keys/{created.Info.Id}", created);
        }

        var caller = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var outcome = await store.CreateOnceAsync(body.Name!.Trim(), role!.Value, caller, idempotencyKey, cancellationToken);
        if (outcome.Created is { } made)
        {
            return TypedResults.Created($"/api/keys/{made.Info.Id}", made);
        }

        if (!outcome.SameRequest)
        {
            var detail = $"Idempotency-Key '{idempotencyKey}' already created API key '{outcome.Earlier!.Id}' with another name or role; use a new Idempotency-Key for a new key.";
            return TypedProblems.IdempotencyKeyReused(detail);
        }

        http.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        return TypedResults.Ok(outcome.Earlier!);
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
