namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>The values of one categorical feature that have a one-hot slot, in slot order.</summary>
/// <param name="Name">The feature's name.</param>
/// <param name="Values">The values with a slot.</param>
internal sealed record CategorySlots(string Name, IReadOnlyList<string> Values);
