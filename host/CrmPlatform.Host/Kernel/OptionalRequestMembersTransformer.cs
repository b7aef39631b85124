using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmPlatform.Host.Kernel;

/// <summary>
/// Request bodies are records whose members are all optional on the wire (nullable; what is
/// required depends on the operation and is reported as a 400 with the field): the schema must not
/// mark them required just because they are constructor parameters.
/// </summary>
public sealed class OptionalRequestMembersTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            schema.Required?.Clear();
        }

        return Task.CompletedTask;
    }
}
