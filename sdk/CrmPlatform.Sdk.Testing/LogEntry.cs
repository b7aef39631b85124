using Microsoft.Extensions.Logging;

namespace CrmPlatform.Sdk.Testing;

/// <summary>One entry a plugin logged.</summary>
/// <param name="Category">The logger's category, usually the full name of the class that logged.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id given to the logger.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);
