namespace CrmPlatform.Host.Channels.Live;

/// <summary>
/// The outcome of a call to a live channel: <paramref name="Found"/> is false when no enabled
/// channel of that name is a live channel; <paramref name="UnavailableBecause"/> says why the
/// channel could not answer now (stopped, suspended, too slow); otherwise <paramref name="Value"/> is its answer.
/// </summary>
/// <typeparam name="T">What the channel returns.</typeparam>
public sealed record LiveCall<T>(bool Found, string? UnavailableBecause, T? Value);
