namespace CrmPlatform.Host.Service;

/// <summary>A definition with its id.</summary>
internal sealed record NamedDefinition<T>(string Id, T Definition);
