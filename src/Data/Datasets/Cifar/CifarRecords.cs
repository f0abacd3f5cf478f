namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>CIFAR images and labels as read from one or more files: N × 3072 planar (R, G, B) pixel bytes, fine
/// labels and, for CIFAR-100, coarse labels.</summary>
public sealed record CifarRecords(byte[] Images, byte[] Labels, byte[]? CoarseLabels)
{
    public int Count => Labels.Length;

    /// <summary>Concatenates the records of several files.</summary>
    public static CifarRecords Concat(IReadOnlyList<CifarRecords> parts)
    {
        if (parts.Count == 1) return parts[0];
        byte[] images = parts.SelectMany(p => p.Images).ToArray();
        byte[] labels = parts.SelectMany(p => p.Labels).ToArray();
        byte[]? coarse = parts.All(p => p.CoarseLabels is not null) ? parts.SelectMany(p => p.CoarseLabels!).ToArray() : null;
        return new CifarRecords(images, labels, coarse);
    }
}
