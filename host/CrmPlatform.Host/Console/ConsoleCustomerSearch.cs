using CrmPlatform.Host.Customers.ReadModel;

namespace CrmPlatform.Host.Console;

/// <summary>The console's customer lists and the Ctrl+K search: pages of the read model, as <c>GET /api/customers</c> reads them.</summary>
internal sealed class ConsoleCustomerSearch(ICustomerReadModel readModel)
{
    /// <summary>The page size of the customer list.</summary>
    public const int PageSize = 25;

    /// <summary>The longest search text (the API's limit).</summary>
    public const int MaxTextLength = 200;

    /// <summary>One page of customers whose name, email, phone or company contains <paramref name="text"/> (all when it is blank).</summary>
    public Task<CustomerPage> SearchAsync(string? text, string? cursor, int limit = PageSize, CancellationToken cancellationToken = default)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: > MaxTextLength })
        {
            trimmed = trimmed[..MaxTextLength];
        }

        var afterId = cursor is null ? null : CustomerCursor.Decode(cursor);
        return readModel.ListAsync(new CustomerListQuery(null, null, null, null, trimmed, afterId, limit), cancellationToken);
    }
}
