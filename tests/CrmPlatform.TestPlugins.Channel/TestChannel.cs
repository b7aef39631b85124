using System.Globalization;
using System.Text;
using CrmPlatform.Sdk.Channels;
using CrmPlatform.Sdk.Plugins;
using CrmPlatform.Sdk.Settings;

namespace CrmPlatform.TestPlugins.Channel;

/// <summary>
/// Channel <c>test</c>, addressed by phone, 160 characters at most. "Sends" by appending a line
/// (message id, idempotency key, recipient, attempt, outcome) to <c>{plugin id}.sends</c>; the
/// provider's message id is <c>tp-{message id}</c>. Fails transiently as the settings say, and for
/// good when the text contains <c>REJECT</c>.
/// </summary>
public sealed class TestChannel(IPluginSettings<TestChannelSettings> settings, PluginManifest manifest) : IChannel
{
    /// <summary>The channel's name.</summary>
    public const string Name = "test";

    private static readonly Lock Gate = new();

    /// <inheritdoc />
    public ChannelDescriptor Descriptor { get; } = new(Name, ChannelAddressKind.Phone, new ChannelCapabilities(false, false, 160, null, true));

    /// <inheritdoc />
    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var current = settings.Current;
        var outcome = message.Attempt <= current.TransientFailures ? "transient"
            : message.Text?.Contains("REJECT", StringComparison.Ordinal) == true ? "rejected"
            : "sent";
        var line = string.Join('\t',
            $"message={message.MessageId}",
            $"key={message.IdempotencyKey}",
            $"recipient={message.Recipient}",
            $"customer={message.Customer.Id}",
            $"attempt={message.Attempt.ToString(CultureInfo.InvariantCulture)}",
            $"outcome={outcome}");
        Directory.CreateDirectory(current.OutputFolder);
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(current.OutputFolder, $"{manifest.Id}.sends"), line + "\n", Encoding.UTF8);
        }

        return Task.FromResult(outcome switch
        {
            "transient" => SendResult.TransientFailure("The test provider is busy."),
            "rejected" => SendResult.PermanentFailure("The test provider rejected the content."),
            _ => SendResult.Sent($"tp-{message.MessageId}"),
        });
    }
}
