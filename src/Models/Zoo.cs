namespace ModelZoo.Models;

/// <summary>The registry of every architecture by name: <c>Zoo.Create("resnet50", new ModelOptions { NumClasses = 10 })</c>.</summary>
public static class Zoo
{
    private static readonly Lazy<IReadOnlyDictionary<string, ModelEntry>> s_entries = new(Discover);

    /// <summary>All registered names, sorted.</summary>
    public static IReadOnlyList<string> Names => s_entries.Value.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>All registered entries, sorted by name.</summary>
    public static IEnumerable<ModelEntry> Entries => Names.Select(n => s_entries.Value[n]);

    /// <summary>True when <paramref name="name"/> is registered (case-insensitive).</summary>
    public static bool Contains(string name) => s_entries.Value.ContainsKey(name);

    /// <summary>The entry for <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing close names.</summary>
    public static ModelEntry Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (s_entries.Value.TryGetValue(name, out ModelEntry? entry)) return entry;
        string[] close = ClosestNames(name, 3);
        string hint = close.Length > 0 ? $" Did you mean: {string.Join(", ", close)}?" : "";
        throw new KeyNotFoundException(
            $"Unknown model '{name}'.{hint} Known models: {string.Join(", ", Names)}.");
    }

    /// <summary>Builds a randomly initialised model.</summary>
    public static ImageClassifier Create(string name, ModelOptions? options = null) =>
        Get(name).Build(options ?? new ModelOptions());

    /// <summary>Builds <paramref name="name"/> with <paramref name="weights"/> loaded: a catalog name ("DEFAULT",
    /// "IMAGENET1K_V2", ...; cached or downloaded) or a weights file path. See <see cref="Pretrained.PretrainedLoader"/>.</summary>
    public static ImageClassifier Create(string name, string weights, ModelOptions? options = null) =>
        Pretrained.PretrainedLoader.Create(name, weights, new Pretrained.PretrainedOptions { Model = options ?? new ModelOptions() });

    /// <summary>Registered names ordered by edit distance to <paramref name="name"/> (at most <paramref name="count"/>).</summary>
    public static string[] ClosestNames(string name, int count)
    {
        string lower = name.ToLowerInvariant();
        return Names
            .Select(n => (Name: n, Distance: EditDistance.Levenshtein(lower, n)))
            .Where(x => x.Distance <= EditDistance.Tolerance(lower.Length) || x.Name.StartsWith(lower, StringComparison.Ordinal))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count).Select(x => x.Name).ToArray();
    }

    private static IReadOnlyDictionary<string, ModelEntry> Discover()
    {
        var map = new Dictionary<string, ModelEntry>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<Type> families = typeof(Zoo).Assembly.GetTypes()
            .Where(t => typeof(IModelFamily).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });
        foreach (Type type in families)
        {
            var family = (IModelFamily)Activator.CreateInstance(type)!;
            foreach (ModelEntry entry in family.Entries)
            {
                if (!map.TryAdd(entry.Name, entry))
                    throw new InvalidOperationException($"Model name '{entry.Name}' is registered twice.");
            }
        }
        return map;
    }
}
