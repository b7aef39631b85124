using CrmPlatform.Host.Hosting;

namespace CrmPlatform.Host.Tests.Cluster;

public sealed class ClusterProbeGrain(
    [PersistentState(ClusterProbeGrain.StateName, OrleansClustering.GrainStorageName)] IPersistentState<ClusterProbeState> state)
    : Grain, IClusterProbeGrain, IRemindable
{
    public const string StateName = "cluster-probe";

    public Task<ProbeLocation> WhereAsync() =>
        Task.FromResult(new ProbeLocation(GrainContext.ActivationId.ToString(), GrainContext.Address.SiloAddress!.ToString()));

    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> CountAsync() => Task.FromResult(state.State.Count);

    public Task RegisterReminderAsync(string name, TimeSpan period) => this.RegisterOrUpdateReminder(name, period, period);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
