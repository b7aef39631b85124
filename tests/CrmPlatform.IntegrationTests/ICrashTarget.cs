namespace CrmPlatform.IntegrationTests;

/// <summary>
/// What a <see cref="LoadRun"/> crashes at its thresholds: one host killed and restarted
/// (<see cref="HostSupervisor"/>), or one silo of a cluster killed for good (<c>HostCluster</c>).
/// </summary>
internal interface ICrashTarget
{
    /// <summary>How many hosts were killed so far.</summary>
    int Kills { get; }

    /// <summary>Kills a host with SIGKILL (and, depending on the target, brings it back).</summary>
    Task CrashAsync(CancellationToken cancellationToken);

    /// <summary>Fails when a host ended on its own (not killed by the target).</summary>
    void ThrowIfExitedUnexpectedly();
}
