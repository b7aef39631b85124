using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.TestPlugins.Misbehaving;

/// <summary>What the plugin does with every event: the configured misbehaviour.</summary>
internal sealed class Misbehavior(IPluginSettings<MisbehavingSettings> settings, TimeProvider time)
{
    private static readonly TimeSpan SettingsWait = TimeSpan.FromSeconds(5);

    public async Task ActAsync(Guid eventId, CancellationToken cancellationToken)
    {
        switch (await ModeAsync(cancellationToken))
        {
            case MisbehaviorMode.Throw:
                throw new InvalidOperationException($"Misbehaving on purpose: event {eventId} fails.");
            case MisbehaviorMode.Hang:
                // Deliberately ignores the token: the sandbox must give up on the call by itself.
                await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
                break;
            case MisbehaviorMode.Spin:
                // Never yields and ignores the token: the thread is lost for good.
                while (true)
                {
                    Thread.SpinWait(1_000);
                }
        }
    }

    /// <summary>The mode; the plugin is installed before its settings are set, so the first events wait for them a little.</summary>
    private async Task<MisbehaviorMode> ModeAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (settings.Current.Mode is null)
        {
            if (time.GetElapsedTime(started) > SettingsWait)
            {
                throw new InvalidOperationException("Misbehaving: no Mode in the settings.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }

        return settings.Current.Mode.Value;
    }
}
