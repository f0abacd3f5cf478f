using System.Collections.Concurrent;

namespace ModelZoo.Models.Weights.Loading;

/// <summary>The registered <see cref="IWeightsImporter"/>s (one per importer type; registering again replaces it).
/// <see cref="Pretrained.PretrainedLoader.FromFile"/> asks them before reading a file as a state dict.</summary>
public static class WeightsImporters
{
    private static readonly ConcurrentDictionary<Type, IWeightsImporter> s_importers = new();

    public static void Register(IWeightsImporter importer)
    {
        ArgumentNullException.ThrowIfNull(importer);
        s_importers[importer.GetType()] = importer;
    }

    /// <summary>The importer that reads <paramref name="path"/>, or null (then it is a state-dict file).</summary>
    public static IWeightsImporter? Find(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return s_importers.Values.FirstOrDefault(i => i.CanImport(path));
    }
}
