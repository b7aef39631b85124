namespace CrmPlatform.Host.Hosting;

/// <summary>Builds the platform's process: used by <c>Program.cs</c>, and by tests and benchmarks that host it in-process.</summary>
public static class CrmPlatformApp
{
    /// <summary>
    /// Builds the application from command-line <paramref name="args"/>; <paramref name="configure"/>
    /// runs before the platform's own services are added, so it can replace defaults such as the
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Settings files live beside the assembly, wherever the process is started from; relative
        // paths in settings (the data directory) are relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddCrmPlatform();
        var app = builder.Build();
        app.MapCrmPlatform();
        return app;
    }
}
