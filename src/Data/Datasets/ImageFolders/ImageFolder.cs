using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.ImageFolders;

/// <summary>
/// torchvision's ImageFolder: <c>root/&lt;class&gt;/**/&lt;image&gt;</c>. Classes are the sub-folders of root sorted by
/// name (ordinal), <see cref="ClassToIndex"/> maps each to its index, and samples are listed class by class, folder
/// by folder and file by file in sorted order, so indices match torchvision's for the same tree. Images are
/// decoded when an item is read.
/// </summary>
public sealed class ImageFolder : IClassificationDataset, IFileDataset
{
    private readonly FileSample[] _samples;
    private readonly Func<string, ImageBuffer> _loader;

    public ImageFolder(string root, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new ImageFolderOptions();
        if (options.Extensions is not null && options.IsValidFile is not null)
            throw new ArgumentException("Give either Extensions or IsValidFile, not both (as in torchvision).", nameof(options));
        Root = Path.GetFullPath(root);
        (Classes, ClassToIndex) = FindClasses(Root);
        IReadOnlyList<string> extensions = options.Extensions ?? ImageFiles.Extensions;
        Func<string, bool> isValid = options.IsValidFile ?? (path => ImageFiles.HasExtension(path, extensions));
        _samples = MakeDataset(Root, Classes, isValid, options.AllowEmpty,
            options.IsValidFile is null ? $"Supported extensions are: {string.Join(", ", extensions)}" : "No file passed IsValidFile");
        _loader = options.Loader ?? (path => ImageDecoder.Decode(path, ImageMode.Rgb));
    }

    public string Root { get; }
    public IReadOnlyList<string> Classes { get; }
    public IReadOnlyDictionary<string, int> ClassToIndex { get; }

    /// <summary>(path, class index) of every sample, in index order.</summary>
    public IReadOnlyList<FileSample> Samples => _samples;

    /// <summary>The class index of every sample.</summary>
    public IReadOnlyList<int> Targets => _samples.Select(s => s.Label).ToArray();

    public int Count => _samples.Length;

    public ImageSample this[int index] =>
        FileSampleReader.Read(_samples, index, _loader, sample => $", class '{Classes[sample.Label]}'");

    public string SamplePath(int index) => _samples[index].Path;

    /// <summary>The class folders of <paramref name="directory"/>, sorted, and their indices (torchvision's find_classes).</summary>
    public static (IReadOnlyList<string> Classes, IReadOnlyDictionary<string, int> ClassToIndex) FindClasses(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"ImageFolder root {directory} does not exist or is not a directory.");
        string[] classes = Directory.EnumerateDirectories(directory)
            .Select(d => Path.GetFileName(d))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        if (classes.Length == 0)
            throw new FileNotFoundException(
                $"Couldn't find any class folder in {directory}. ImageFolder expects one sub-folder per class: {directory}/<class>/<image>.");
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) map[classes[i]] = i;
        return (classes, map);
    }

    private static FileSample[] MakeDataset(string root, IReadOnlyList<string> classes, Func<string, bool> isValid, bool allowEmpty, string hint)
    {
        var samples = new List<FileSample>();
        var empty = new List<string>();
        for (int label = 0; label < classes.Count; label++)
        {
            int before = samples.Count;
            foreach (string folder in WalkSorted(Path.Combine(root, classes[label])))
            {
                IEnumerable<string> files = Directory.EnumerateFiles(folder).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal);
                foreach (string file in files)
                {
                    if (isValid(file)) samples.Add(new FileSample(file, label));
                }
            }
            if (samples.Count == before) empty.Add(classes[label]);
        }
        if (empty.Count > 0 && !allowEmpty)
            throw new FileNotFoundException(
                $"Found no valid file for the class{(empty.Count > 1 ? "es" : "")} {string.Join(", ", empty)} in {root}. {hint}. " +
                "Set ImageFolderOptions.AllowEmpty to accept empty classes.");
        return samples.ToArray();
    }

    /// <summary>The folder and all sub-folders (following links, each real folder once), sorted by path like
    /// Python's sorted(os.walk(...)).</summary>
    private static List<string> WalkSorted(string top)
    {
        var folders = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(top);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            string real = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(folder);
            if (!seen.Add(real)) continue;
            folders.Add(folder);
            foreach (string sub in Directory.EnumerateDirectories(folder)) pending.Push(sub);
        }
        folders.Sort(StringComparer.Ordinal);
        return folders;
    }
}
