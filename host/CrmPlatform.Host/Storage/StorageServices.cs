namespace CrmPlatform.Host.Storage;

/// <summary>How a module registers a store: its schema joins the migration step, its instance gets the database the backend gives it.</summary>
public static class StorageServices
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/>, made by <paramref name="create"/> over the database
    /// that holds <paramref name="schema"/>, and adds the schema to the start-up migration.
    /// </summary>
    public static IServiceCollection AddStore<TStore>(
        this IServiceCollection services, SchemaComponent schema, Func<SqlDatabase, IServiceProvider, TStore> create)
        where TStore : class
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(create);
        services.AddSingleton(schema);
        services.AddSingleton(sp => create(sp.GetRequiredService<SqlDatabases>().For(schema), sp));
        return services;
    }
}
