using CrmPlatform.Host.Plugins.Loading;
using CrmPlatform.Host.Plugins.Runtime;
using CrmPlatform.Host.Plugins.Sandbox;
using CrmPlatform.Sdk.Reports;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Host.Reports;

/// <summary>
/// Serves the reports of the plugins running on this silo. Every call of the plugin's — creating
/// its reports in a scope of its own container, building the table, disposing the scope — runs in the
/// plugin's sandbox, on its report lane, under <see cref="ReportOptions.PluginTimeout"/>. Reports read
/// the plugin's durable state, so any silo can serve them.
/// </summary>
public sealed partial class PluginReports(PluginRegistry registry, IOptions<ReportOptions> options, TimeProvider time, ILogger<PluginReports> logger)
{
    /// <summary>The reports of every enabled, running plugin; a plugin that cannot list them now is left out (and logged).</summary>
    public async Task<IReadOnlyList<ReportInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var reports = new List<ReportInfo>();
        foreach (var slot in registry.Slots.Where(s => s.IsActive))
        {
            try
            {
                var named = await CallAsync(slot, "report listing", (provider, _) =>
                    Task.FromResult(provider.GetServices<IReport>().Select(r => new ReportInfo(slot.Id, r.Name, r.Title)).ToList()), cancellationToken);
                reports.AddRange(named.OrderBy(r => r.Name, StringComparer.Ordinal));
            }
            catch (ReportFailedException ex)
            {
                LogListFailed(logger, ex, slot.Id);
            }
        }

        return reports;
    }

    /// <summary>Builds plugin <paramref name="pluginId"/>'s report <paramref name="name"/>.</summary>
    /// <exception cref="ReportFailedException">404 (no such plugin or report), 503 (the plugin cannot run now) or 502 (it failed).</exception>
    public async Task<(ReportInfo Info, ReportTable Table)> BuildAsync(string pluginId, string name, ReportQuery query, CancellationToken cancellationToken)
    {
        var slot = registry.Find(pluginId) ?? throw ReportFailedException.NotFound($"There is no report source '{pluginId}': it is neither 'crm' nor an installed plugin.");
        if (!slot.IsActive)
        {
            throw ReportFailedException.Unavailable($"Plugin '{pluginId}' is {slot.Status}; its reports cannot be built now.");
        }

        var result = await CallAsync(slot, $"report {name}", async (provider, token) =>
        {
            var report = provider.GetServices<IReport>().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
            return report is null ? ((ReportInfo, ReportTable)?)null : (new ReportInfo(pluginId, report.Name, report.Title), await report.BuildAsync(query, token));
        }, cancellationToken);
        return result ?? throw ReportFailedException.NotFound($"Plugin '{pluginId}' has no report '{name}'.");
    }

    private async Task<T> CallAsync<T>(PluginSlot slot, string what, Func<IServiceProvider, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var budget = options.Value.PluginTimeout;
        LoadedPlugin? plugin;
        try
        {
            plugin = await slot.AcquireAsync(cancellationToken).WaitAsync(budget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            plugin = null;
        }

        if (plugin is null)
        {
            throw ReportFailedException.Unavailable($"Plugin '{slot.Id}' is being replaced or stopped; its reports cannot be built now.");
        }

        try
        {
            return await slot.Sandbox.RunAsync(what, async token =>
            {
                var scope = plugin.CreateScope();
                await using (scope.ConfigureAwait(false))
                {
                    return await call(scope.ServiceProvider, token);
                }
            }, budget, cancellationToken, SandboxLane.Report);
        }
        catch (PluginUnavailableException ex)
        {
            throw ReportFailedException.Unavailable($"Plugin '{slot.Id}' is unavailable: {ex.Message}", ex);
        }
        catch (PluginTimeoutException ex)
        {
            throw ReportFailedException.BadTable($"Plugin '{slot.Id}': {what} did not finish within {budget.TotalMilliseconds:0} ms.", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw ReportFailedException.BadTable($"Plugin '{slot.Id}': {what} failed: {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            plugin.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: its reports could not be listed")]
    private static partial void LogListFailed(ILogger logger, Exception exception, string pluginId);
}
