namespace CrmPlatform.Host.Tests.Storage.Modules;

public sealed record Note(string Id, string CustomerId, string Body, DateTimeOffset WrittenAt, bool Pinned = false);
