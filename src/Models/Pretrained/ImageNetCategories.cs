namespace ModelZoo.Models.Pretrained;

/// <summary>The 1000 ImageNet-1k category names in torchvision's order (index = class id), from the embedded
/// resource <c>imagenet_categories.txt</c> (written by build/make_weights_catalog.py from torchvision's metadata;
/// torchvision renames two duplicate WordNet names: 134 "crane bird" and 639 "maillot tank suit").</summary>
public static class ImageNetCategories
{
    private const string ResourceName = "ModelZoo.Models.Pretrained.imagenet_categories.txt";
    private static readonly Lazy<IReadOnlyList<string>> s_all = new(Load);

    /// <summary>All 1000 names.</summary>
    public static IReadOnlyList<string> All => s_all.Value;

    private static IReadOnlyList<string> Load()
    {
        using Stream stream = typeof(ImageNetCategories).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing from {typeof(ImageNetCategories).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        string[] names = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('\r')).ToArray();
        if (names.Length != 1000)
            throw new InvalidDataException($"Embedded resource '{ResourceName}' holds {names.Length} names; expected 1000.");
        return Array.AsReadOnly(names);
    }
}
