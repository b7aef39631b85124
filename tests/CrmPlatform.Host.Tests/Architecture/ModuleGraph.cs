using System.Reflection;
using NetArchTest.Rules;

namespace CrmPlatform.Host.Tests.Architecture;

/// <summary>
/// The host's modules (the namespaces directly under <c>CrmPlatform.Host</c>) and which depend on
/// which, read from the compiled assembly's IL (signatures and method bodies alike).
/// </summary>
public sealed class ModuleGraph
{
    private const string Root = "CrmPlatform.Host.";

    private ModuleGraph(IReadOnlyDictionary<string, IReadOnlySet<string>> edges) => Edges = edges;

    /// <summary>Each module and the modules it depends on.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Edges { get; }

    /// <summary>The graph of <paramref name="assembly"/>.</summary>
    public static ModuleGraph Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var modules = assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith(Root, StringComparison.Ordinal))
            .Select(ns => ns[Root.Length..].Split('.')[0])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var edges = modules.ToDictionary(
            m => m,
            m => (IReadOnlySet<string>)modules
                .Where(other => other != m && Types.InAssembly(assembly).That().ResideInNamespace(Root + m)
                    .And().HaveDependencyOnAny(Root + other).GetTypes().Any())
                .ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new ModuleGraph(edges);
    }

    /// <summary>A graph given edge by edge (to test the checks themselves).</summary>
    public static ModuleGraph From(params (string From, string To)[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var map = edges.SelectMany(e => new[] { e.From, e.To }).Distinct(StringComparer.Ordinal).ToDictionary(
            m => m,
            m => (IReadOnlySet<string>)edges.Where(e => e.From == m).Select(e => e.To).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new ModuleGraph(map);
    }

    /// <summary>
    /// Every pair of modules that reach each other (directly or through others), as "A ↔ B" with A
    /// before B in ordinal order: empty when the graph has no cycle.
    /// </summary>
    public IReadOnlyList<string> MutuallyReachablePairs()
    {
        var pairs = new List<string>();
        var names = Edges.Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var a in names)
        {
            var fromA = Reachable(a);
            foreach (var b in names.Where(b => string.CompareOrdinal(a, b) < 0 && fromA.Contains(b) && Reachable(b).Contains(a)))
            {
                pairs.Add($"{a} ↔ {b}");
            }
        }

        return pairs;
    }

    /// <summary>The modules that depend on <paramref name="module"/>.</summary>
    public IReadOnlyList<string> DependentsOf(string module) =>
        [.. Edges.Where(e => e.Value.Contains(module)).Select(e => e.Key).Order(StringComparer.Ordinal)];

    private HashSet<string> Reachable(string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in Edges.GetValueOrDefault(current) ?? new HashSet<string>())
            {
                if (seen.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return seen;
    }
}
