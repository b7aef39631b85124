using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using CrmPlatform.Plugins.Analytics.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace CrmPlatform.Plugins.Analytics.Prediction;

/// <summary>
/// A trained churn model: scores customers (one or many at a time, from any number of threads) and explains each
/// score with the features that moved it most. Saves to and loads from bytes.
/// </summary>
/// <remarks>
/// One customer goes through a pooled prediction engine (an engine serves one thread at a time); many go through
/// one batch transform, which is thread-safe.
/// </remarks>
public sealed class ChurnModel
{
    private const string ModelEntry = "model.zip";
    private const string LayoutEntry = "features.json";
    private const string VersionEntry = "version.json";
    private readonly MLContext _ml;
    private readonly ITransformer _transformer;
    private readonly FeatureLayout _layout;
    private readonly ConcurrentBag<PredictionEngine<ChurnRow, ChurnOutput>> _engines = [];

    internal ChurnModel(MLContext ml, ITransformer transformer, FeatureLayout layout, ChurnModelVersion version)
    {
        _ml = ml;
        _transformer = transformer;
        _layout = layout;
        Version = version;
    }

    /// <summary>What the model is and how well it did on its hold-out.</summary>
    public ChurnModelVersion Version { get; }

    /// <summary>Scores one customer.</summary>
    /// <param name="customer">The customer's features.</param>
    /// <param name="topContributions">How many features explain the score.</param>
    public ChurnScore Score(FeatureVector customer, int topContributions = 3)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (!_engines.TryTake(out var engine))
        {
            var output = SchemaDefinition.Create(typeof(ChurnOutput));
            output[nameof(ChurnOutput.FeatureContributions)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, _layout.Length);
            engine = _ml.Model.CreatePredictionEngine<ChurnRow, ChurnOutput>(_transformer, true, InputSchema(_layout.Length), output);
        }

        try
        {
            var prediction = engine.Predict(new ChurnRow { Features = _layout.Encode(customer) });
            return Explain(customer, prediction.Probability, prediction.FeatureContributions.Select((value, slot) => KeyValuePair.Create(slot, value)), topContributions);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    /// <summary>Scores many customers in one pass; the scores come in the customers' order.</summary>
    /// <param name="customers">The customers' features.</param>
    /// <param name="topContributions">How many features explain each score.</param>
    public IReadOnlyList<ChurnScore> ScoreMany(IReadOnlyList<FeatureVector> customers, int topContributions = 3)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var scored = _transformer.Transform(ToDataView(_ml, _layout.Length, customers.Select(c => new ChurnRow { Features = _layout.Encode(c) })));
        var probabilityColumn = scored.Schema["Probability"];
        var contributionColumn = scored.Schema["FeatureContributions"];
        using var cursor = scored.GetRowCursor([probabilityColumn, contributionColumn]);
        var probabilityOf = cursor.GetGetter<float>(probabilityColumn);
        var contributionsOf = cursor.GetGetter<VBuffer<float>>(contributionColumn);
        var scores = new List<ChurnScore>(customers.Count);
        float probability = 0;
        var contributions = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            var customer = customers[scores.Count];
            probabilityOf(ref probability);
            contributionsOf(ref contributions);
            scores.Add(Explain(customer, probability, contributions.Items(), topContributions));
        }

        return scores;
    }

    /// <summary>The model, its feature layout and its version as one zip archive.</summary>
    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var model = archive.CreateEntry(ModelEntry).Open())
            {
                _ml.Model.Save(_transformer, ToDataView(_ml, _layout.Length, []).Schema, model);
            }

            using (var layout = archive.CreateEntry(LayoutEntry).Open())
            {
                JsonSerializer.Serialize(layout, _layout, ChurnJsonContext.Default.FeatureLayout);
            }

            using var version = archive.CreateEntry(VersionEntry).Open();
            JsonSerializer.Serialize(version, Version, ChurnJsonContext.Default.ChurnModelVersion);
        }

        return buffer.ToArray();
    }

    /// <summary>Loads a model saved with <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a saved churn model.</exception>
    public static ChurnModel Load(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var ml = NewContext(0);
        ITransformer transformer;
        using (var model = OpenEntry(archive, ModelEntry))
        using (var copy = new MemoryStream())
        {
            model.CopyTo(copy);
            copy.Position = 0;
            transformer = ml.Model.Load(copy, out _);
        }

        using var layoutStream = OpenEntry(archive, LayoutEntry);
        var layout = JsonSerializer.Deserialize(layoutStream, ChurnJsonContext.Default.FeatureLayout) ?? throw new InvalidDataException("The saved feature layout is empty.");
        using var versionStream = OpenEntry(archive, VersionEntry);
        var version = JsonSerializer.Deserialize(versionStream, ChurnJsonContext.Default.ChurnModelVersion) ?? throw new InvalidDataException("The saved model version is empty.");
        return new ChurnModel(ml, transformer, layout, version);
    }

    /// <summary>An ML.NET context that knows the trees' assembly, so models load even before anything trained here.</summary>
    internal static MLContext NewContext(int seed)
    {
        var ml = new MLContext(seed);
        ml.ComponentCatalog.RegisterAssembly(typeof(FastTreeBinaryModelParameters).Assembly);
        return ml;
    }

    /// <summary>Calibrated churn probabilities for the customers, without explanations.</summary>
    internal static double[] Probabilities(MLContext ml, ITransformer transformer, FeatureLayout layout, IEnumerable<FeatureVector> customers)
    {
        var scored = transformer.Transform(ToDataView(ml, layout.Length, customers.Select(c => new ChurnRow { Features = layout.Encode(c) })));
        return [.. scored.GetColumn<float>("Probability").Select(p => (double)p)];
    }

    internal static IDataView ToDataView(MLContext ml, int length, IEnumerable<ChurnRow> rows) =>
        ml.Data.LoadFromEnumerable(rows, InputSchema(length));

    private static SchemaDefinition InputSchema(int length)
    {
        var schema = SchemaDefinition.Create(typeof(ChurnRow));
        schema[nameof(ChurnRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }

    /// <summary>Sums the slots' contributions per feature (a category's one-hot slots together) and keeps the largest.</summary>
    private ChurnScore Explain(FeatureVector customer, float probability, IEnumerable<KeyValuePair<int, float>> contributions, int top)
    {
        var groups = new double[_layout.Numbers.Count + _layout.Categories.Count];
        foreach (var (slot, value) in contributions)
        {
            groups[_layout.SlotGroups[slot]] += value;
        }

        var strongest = Enumerable.Range(0, groups.Length)
            .Where(g => groups[g] != 0)
            .OrderByDescending(g => Math.Abs(groups[g])).ThenBy(g => g)
            .Take(top)
            .Select(g => new FeatureContribution(_layout.DescribeGroup(g, customer), groups[g]))
            .ToList();
        return new ChurnScore(customer.CustomerId, probability, probability >= Version.Threshold, strongest);
    }

    private static Stream OpenEntry(ZipArchive archive, string name) =>
        (archive.GetEntry(name) ?? throw new InvalidDataException($"The saved churn model has no '{name}'.")).Open();
}
