using CrmPlatform.Plugins.Analytics.Prediction;
using CrmPlatform.Sdk.State;

namespace CrmPlatform.Plugins.Analytics.Insights;

/// <summary>
/// The churn models in the plugin's durable state, so every silo scores with the same one:
/// <c>churn/current</c> names the current version, <c>churn/model/{version}</c> holds its bytes (only the
/// current model's are kept) and <c>churn/versions/{version}</c> its metrics (every version's are kept).
/// The loaded current model is cached until another version becomes current.
/// </summary>
public sealed class ChurnModelStore(IPluginState state) : IDisposable
{
    private const string CurrentKey = "churn/current";
    private const string ModelPrefix = "churn/model/";

    /// <summary>The state key prefix of the versions' metrics.</summary>
    public const string VersionPrefix = "churn/versions/";

    private readonly SemaphoreSlim _loading = new(1, 1);
    private ChurnModel? _cached;

    /// <summary>The current model, or null before the first training.</summary>
    public async Task<ChurnModel?> CurrentAsync(CancellationToken cancellationToken)
    {
        var version = await state.GetAsync<string>(CurrentKey, cancellationToken);
        if (version is null)
        {
            return null;
        }

        if (_cached is { } cached && cached.Version.Version == version)
        {
            return cached;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.Version.Version == version)
            {
                return again;
            }

            var bytes = await state.GetAsync<byte[]>(ModelPrefix + version, cancellationToken);
            _cached = bytes is null ? null : ChurnModel.Load(bytes);
            return _cached;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Stores a newly trained model and makes it current; the previous model's bytes go, its metrics stay.</summary>
    public async Task PublishAsync(ChurnModel model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var version = model.Version.Version;
        var previous = await state.GetAsync<string>(CurrentKey, cancellationToken);
        await state.SetAsync(VersionPrefix + version, model.Version, cancellationToken);
        await state.SetAsync(ModelPrefix + version, model.Save(), cancellationToken);
        await state.SetAsync(CurrentKey, version, cancellationToken);
        if (previous is not null && previous != version)
        {
            await state.DeleteAsync(ModelPrefix + previous, cancellationToken);
        }

        _cached = model;
    }

    /// <summary>Every version's metrics, oldest first.</summary>
    public async Task<IReadOnlyList<ChurnModelVersion>> VersionsAsync(CancellationToken cancellationToken)
    {
        var versions = new List<ChurnModelVersion>();
        await foreach (var (_, version) in state.ListAsync<ChurnModelVersion>(VersionPrefix, cancellationToken))
        {
            versions.Add(version);
        }

        return [.. versions.OrderBy(v => v.TrainedAt)];
    }

    /// <summary>The name of the current version, or null.</summary>
    public Task<string?> CurrentVersionAsync(CancellationToken cancellationToken) => state.GetAsync<string>(CurrentKey, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _loading.Dispose();
}
