using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>
/// CIFAR-10 or CIFAR-100 held in memory; items are 32 × 32 RGB images. Reads either distribution: the python
/// version (what torchvision downloads; read without executing any pickle code) or the binary version.
/// </summary>
public sealed class CifarDataset : IClassificationDataset
{
    private readonly CifarRecords _records;
    private readonly CifarLabelKind _labelKind;

    public CifarDataset(CifarRecords records, IReadOnlyList<string> classes, CifarLabelKind labels = CifarLabelKind.Fine)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(classes);
        if (records.Images.Length != (long)records.Count * CifarFiles.ImageBytes)
            throw new ArgumentException($"{records.Count} labels need {records.Count * CifarFiles.ImageBytes} image bytes; got {records.Images.Length}.", nameof(records));
        if (labels == CifarLabelKind.Coarse && records.CoarseLabels is null)
            throw new ArgumentException("Coarse labels were asked for, but the records have none (only CIFAR-100 has them).", nameof(labels));
        byte[] used = labels == CifarLabelKind.Coarse ? records.CoarseLabels! : records.Labels;
        int bad = Array.FindIndex(used, l => l >= classes.Count);
        if (bad >= 0) throw new ArgumentException($"Label {used[bad]} of item {bad} is outside the {classes.Count} classes.", nameof(classes));
        _records = records;
        _labelKind = labels;
        Classes = classes;
    }

    public int Count => _records.Count;
    public IReadOnlyList<string> Classes { get; }
    public CifarRecords Records => _records;

    public ImageSample this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"Index must be in 0..{Count - 1}.");
            const int plane = 32 * 32;
            var image = new ImageBuffer(32, 32, 3);
            byte[] hwc = image.Pixels;
            int offset = index * CifarFiles.ImageBytes;
            byte[] chw = _records.Images;
            for (int i = 0; i < plane; i++)
            {
                hwc[3 * i] = chw[offset + i];
                hwc[3 * i + 1] = chw[offset + plane + i];
                hwc[3 * i + 2] = chw[offset + 2 * plane + i];
            }
            return new ImageSample(image, LabelAt(index));
        }
    }

    /// <summary>The class of item <paramref name="index"/> (fine or coarse, as chosen) without building the image.</summary>
    public int LabelAt(int index) => _labelKind == CifarLabelKind.Coarse ? _records.CoarseLabels![index] : _records.Labels[index];

    /// <summary>Loads a split from <paramref name="root"/>, which holds the extracted folder (e.g. cifar-10-batches-py)
    /// or is that folder. <paramref name="format"/> null = whichever distribution is present (python first).</summary>
    public static CifarDataset Load(string root, CifarVariant variant = CifarVariant.Cifar10, CifarSplit split = CifarSplit.Train,
        CifarFormat? format = null, CifarLabelKind labels = CifarLabelKind.Fine)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (variant == CifarVariant.Cifar10 && labels == CifarLabelKind.Coarse)
            throw new ArgumentException("CIFAR-10 has no coarse labels; use CifarLabelKind.Fine.", nameof(labels));
        (string folder, CifarFormat found) = Locate(root, variant, split, format);
        var parts = new List<CifarRecords>();
        foreach (string file in CifarFiles.DataFiles(variant, found, split))
        {
            string path = Path.Combine(folder, file);
            parts.Add(found == CifarFormat.Binary ? CifarBinaryReader.Read(path, variant) : CifarPickleReader.Read(path, variant));
        }
        return new CifarDataset(CifarRecords.Concat(parts), ReadClasses(folder, variant, found, labels), labels);
    }

    /// <summary>True when <paramref name="root"/> (or its extracted folder) holds every data file of the split, in
    /// <paramref name="format"/> or (null) either distribution; <see cref="Load"/> would find them.</summary>
    public static bool HasSplit(string root, CifarVariant variant, CifarSplit split, CifarFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        return TryLocate(root, variant, split, format) is not null;
    }

    private static (string Folder, CifarFormat Format)? TryLocate(string root, CifarVariant variant, CifarSplit split, CifarFormat? format)
    {
        foreach (CifarFormat candidate in Formats(format))
        {
            foreach (string folder in new[] { Path.Combine(root, CifarFiles.FolderName(variant, candidate)), root })
            {
                if (CifarFiles.DataFiles(variant, candidate, split).All(file => File.Exists(Path.Combine(folder, file))))
                    return (folder, candidate);
            }
        }
        return null;
    }

    private static CifarFormat[] Formats(CifarFormat? format) => format is { } f ? new[] { f } : new[] { CifarFormat.Python, CifarFormat.Binary };

    private static (string Folder, CifarFormat Format) Locate(string root, CifarVariant variant, CifarSplit split, CifarFormat? format)
    {
        if (TryLocate(root, variant, split, format) is { } found) return found;
        CifarFormat[] formats = Formats(format);
        string name = variant == CifarVariant.Cifar10 ? "CIFAR-10" : "CIFAR-100";
        string expected = string.Join(" or ", formats.Select(c =>
            $"{Path.Combine(Path.GetFullPath(root), CifarFiles.FolderName(variant, c))}/{{{string.Join(", ", CifarFiles.DataFiles(variant, c, split))}}}"));
        throw new FileNotFoundException(
            $"{name} {split.ToString().ToLowerInvariant()} files not found. Expected {expected}. " +
            $"Download them with CifarDownloader.EnsureAsync(\"{root}\", CifarVariant.{variant}) or from {CifarFiles.Archive(variant, formats[0]).Url}.");
    }

    private static IReadOnlyList<string> ReadClasses(string folder, CifarVariant variant, CifarFormat format, CifarLabelKind labels)
    {
        IReadOnlyList<string> builtIn = CifarFiles.Classes(variant, labels);
        string meta = Path.Combine(folder, CifarFiles.MetaFile(variant, format, labels));
        IReadOnlyList<string>? names = null;
        if (format == CifarFormat.Binary && File.Exists(meta))
            names = File.ReadAllLines(meta).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        else if (format == CifarFormat.Python)
            names = CifarPickleReader.ReadNames(meta, variant == CifarVariant.Cifar10 ? "label_names" : labels == CifarLabelKind.Coarse ? "coarse_label_names" : "fine_label_names");
        return names is not null && names.Count == builtIn.Count ? names : builtIn;
    }
}
