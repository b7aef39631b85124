
namespace CrmPlatform.Host.Import;

/// <summary>Bad rows in line order; pass <c>nextAfterLine</c> as <c>afterLine</c> for the next page (null at the end).</summary>
public sealed record ImportErrorsPage(IReadOnlyList<ImportRowError> Items, long? NextAfterLine);
