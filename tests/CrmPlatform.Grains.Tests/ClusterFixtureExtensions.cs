using System.Text.Json;
using CrmPlatform.Grains.Abstractions.Commands;
using CrmPlatform.Grains.Abstractions.Customers;
using CrmPlatform.Sdk.Customers;
using CrmPlatform.Sdk.Events;

namespace CrmPlatform.Grains.Tests;

/// <summary>Steps many grain tests share.</summary>
internal static class ClusterFixtureExtensions
{
    /// <summary>Sends one command with the test actor.</summary>
    public static Task<CommandResult> SendAsync(this ClusterFixture fixture, string customerId, CustomerCommand command, string? idempotencyKey = null) =>
        fixture.Customer(customerId).ExecuteAsync(command, TestCommands.Context(idempotencyKey));

    /// <summary>Sends a command that must be accepted.</summary>
    public static async Task<CommandResult> AcceptAsync(this ClusterFixture fixture, string customerId, CustomerCommand command)
    {
        var result = await fixture.SendAsync(customerId, command);
        Assert.True(result.Status == CommandStatus.Accepted, $"{command} was {result.Status}: {result.Detail}");
        return result;
    }

    /// <summary>Registers a new person with a fresh id and returns the id.</summary>
    public static async Task<string> RegisterAsync(this ClusterFixture fixture, string prefix = "c")
    {
        var id = fixture.NewCustomerId(prefix);
        await fixture.AcceptAsync(id, TestCommands.RegisterPerson());
        return id;
    }

    /// <summary>The customer's view, which must exist.</summary>
    public static async Task<CustomerView> ViewAsync(this ClusterFixture fixture, string customerId) =>
        await fixture.Customer(customerId).GetAsync() ?? throw new InvalidOperationException($"Customer '{customerId}' does not exist.");

    /// <summary>Moves a freshly registered customer (in Prospect) to <paramref name="stage"/> by manual changes.</summary>
    public static async Task DriveToAsync(this ClusterFixture fixture, string customerId, LifecycleStage stage)
    {
        LifecycleStage[] path = stage switch
        {
            LifecycleStage.Prospect => [],
            LifecycleStage.Acquisition => [LifecycleStage.Acquisition],
            LifecycleStage.Growth => [LifecycleStage.Growth],
            LifecycleStage.Maturity => [LifecycleStage.Growth, LifecycleStage.Maturity],
            LifecycleStage.Decline => [LifecycleStage.Growth, LifecycleStage.Decline],
            LifecycleStage.Terminated => [LifecycleStage.Terminated],
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
        foreach (var step in path)
        {
            await fixture.AcceptAsync(customerId, TestCommands.Stage(step, $"Setting up {stage}."));
        }

        Assert.Equal(stage, (await fixture.ViewAsync(customerId)).Stage);
    }

    /// <summary>The view as stable JSON, to compare views member by member.</summary>
    public static string ToJson(this CustomerView view) => JsonSerializer.Serialize(view, CustomerEventJson.Options);
}
