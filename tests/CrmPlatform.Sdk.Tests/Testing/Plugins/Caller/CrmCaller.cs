using CrmPlatform.Sdk.Crm;
using CrmPlatform.Sdk.Customers;

namespace CrmPlatform.Sdk.Tests.Testing.Plugins.Caller;

/// <summary>Calls an <see cref="ICrm"/> method by name with fixed arguments.</summary>
internal static class CrmCaller
{
    public static async Task CallAsync(ICrm crm, string customerId, string method) =>
        _ = method switch
        {
            nameof(ICrm.GetCustomerAsync) => (object?)await crm.GetCustomerAsync(customerId),
            nameof(ICrm.RecordInteractionAsync) => await crm.RecordInteractionAsync(customerId, new InteractionRecord("email", InteractionDirection.Outbound, "Hi", null)),
            nameof(ICrm.SetInsightAsync) => await crm.SetInsightAsync(customerId, "score", 1.5, "high"),
            nameof(ICrm.AddTagsAsync) => await crm.AddTagsAsync(customerId, ["vip"]),
            nameof(ICrm.ChangeStageAsync) => await crm.ChangeStageAsync(customerId, LifecycleStage.Growth, "test"),
            nameof(ICrm.OpenCaseAsync) => await crm.OpenCaseAsync(customerId, new CaseRecord(CaseKind.Complaint, CasePriority.Normal, "Broken", null)),
            nameof(ICrm.RequestMessageAsync) => await crm.RequestMessageAsync(customerId, new MessageRecord("email", "Hello", null, null)),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not an ICrm method."),
        };
}
