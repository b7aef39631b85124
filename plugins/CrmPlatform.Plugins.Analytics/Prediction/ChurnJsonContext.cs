using System.Text.Json.Serialization;

namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>
/// Serialisation of the churn model's metadata. Source-generated and owned by the plugin: the serialiser's shared
/// reflection caches would otherwise hold the plugin's types and keep its load context from being collected.
/// </summary>
[JsonSerializable(typeof(ChurnModelVersion))]
[JsonSerializable(typeof(FeatureLayout))]
internal sealed partial class ChurnJsonContext : JsonSerializerContext;
