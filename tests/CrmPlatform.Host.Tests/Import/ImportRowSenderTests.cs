using System.Reflection;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Host.Import;

namespace CrmPlatform.Host.Tests.Import;

/// <summary>A row whose grain call fails on the cluster, not on the row, is retried under the same key.</summary>
public sealed class ImportRowSenderTests
{
    private static readonly PlannedRow Row = new(7, "c1", "import:customers:abc", [new PlannedCommand("insight", new SetInsight("score", 1, null, "test"))]);

    [Fact]
    public async Task SendAsync_TransientClusterFailures_RetriedWithTheSameKeyUntilAccepted()
    {
        var grain = new ScriptedGrain(new TimeoutException("silo slow"), new CommandOutcomeUnknownException(), null);

        var (outcome, error) = await Sender(grain).SendAsync(Row, "api-key:k1", "import:j1");

        Assert.Equal((RowOutcome.Imported, (ImportRowError?)null), (outcome, error));
        Assert.Equal(3, grain.Keys.Count);
        Assert.All(grain.Keys, key => Assert.Equal("import:customers:abc:insight", key));
    }

    [Fact]
    public async Task SendAsync_FailureOfTheRequestItself_IsNotRetried()
    {
        var grain = new ScriptedGrain(new InvalidOperationException("a bug"), null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sender(grain).SendAsync(Row, "api-key:k1", "import:j1"));
        Assert.Single(grain.Keys);
    }

    private static ImportRowSender Sender(ICustomerGrain grain)
    {
        var factory = DispatchProxy.Create<IGrainFactory, SingleGrainFactory>();
        ((SingleGrainFactory)(object)factory).Grain = grain;
        return new ImportRowSender(factory, TimeProvider.System);
    }

    /// <summary>A grain factory that hands out one customer grain, whatever the key.</summary>
    public class SingleGrainFactory : DispatchProxy
    {
        public ICustomerGrain? Grain { get; set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IGrainFactory.GetGrain) ? Grain : throw new NotSupportedException(targetMethod?.Name);
    }

    /// <summary>Throws the scripted exceptions in turn (null: accepts), recording each call's idempotency key.</summary>
    private sealed class ScriptedGrain(params Exception?[] script) : ICustomerGrain
    {
        public List<string?> Keys { get; } = [];

        public Task<CommandResult> ExecuteAsync(CustomerCommand command, CommandContext context)
        {
            Keys.Add(context.IdempotencyKey);
            return script[Keys.Count - 1] is { } failure ? Task.FromException<CommandResult>(failure) : Task.FromResult(CommandResult.Accepted("c1", 1, 1));
        }

        public Task<CustomerView?> GetAsync() => throw new NotSupportedException();

        public Task<CommandResult> ApplyDueRulesAsync() => throw new NotSupportedException();

        public Task<MessageView?> GetMessageAsync(string messageId) => throw new NotSupportedException();
    }
}
