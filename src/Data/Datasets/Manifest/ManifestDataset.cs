using System.Globalization;
using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Datasets.ImageFolders;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Datasets.Manifest;

/// <summary>
/// Images listed in a CSV or TSV manifest, one <c>path,label</c> row per sample (a header row is detected or set
/// in <see cref="ManifestOptions"/>). Relative paths are resolved against the manifest's folder. Labels are class
/// indices, or class names mapped to indices in sorted order. Files are read when an item is accessed.
/// </summary>
public sealed class ManifestDataset : IClassificationDataset, IFileDataset
{
    private static readonly string[] s_pathNames = { "path", "file", "filename", "filepath", "file_path", "image", "image_path", "img" };
    private static readonly string[] s_labelNames = { "label", "class", "target", "category", "class_index", "label_index" };

    private readonly FileSample[] _samples;
    private readonly Func<string, ImageBuffer> _loader;

    private ManifestDataset(string manifestPath, FileSample[] samples, IReadOnlyList<string> classes, Func<string, ImageBuffer> loader)
    {
        ManifestPath = manifestPath;
        _samples = samples;
        Classes = classes;
        _loader = loader;
    }

    public string ManifestPath { get; }
    public IReadOnlyList<string> Classes { get; }
    public IReadOnlyList<FileSample> Samples => _samples;
    public int Count => _samples.Length;

    public ImageSample this[int index] =>
        FileSampleReader.Read(_samples, index, _loader, _ => $" of manifest {ManifestPath}");

    public string SamplePath(int index) => _samples[index].Path;

    /// <summary>Reads the manifest (not the images).</summary>
    public static ManifestDataset Load(string manifestPath, ManifestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifestPath);
        options ??= new ManifestOptions();
        string full = Path.GetFullPath(manifestPath);
        if (!File.Exists(full)) throw new FileNotFoundException($"Manifest not found: {full}", full);
        List<(int Line, string[] Fields)> rows = ManifestParser.Read(full, options.Delimiter);
        if (rows.Count == 0) throw new InvalidDataException($"Manifest {full} has no rows; expected lines of 'path,label'.");

        bool header = options.HasHeader ?? LooksLikeHeader(rows);
        string[]? names = header ? rows[0].Fields.Select(f => f.ToLowerInvariant()).ToArray() : null;
        int pathColumn = Column(names, options.PathColumn, s_pathNames, 0, full, "path");
        int labelColumn = Column(names, options.LabelColumn, s_labelNames, 1, full, "label");
        if (pathColumn == labelColumn)
            throw new ArgumentException($"Manifest {full}: the path and label columns are the same column ({pathColumn}).");
        List<(int Line, string[] Fields)> data = header ? rows.Skip(1).ToList() : rows;
        if (data.Count == 0) throw new InvalidDataException($"Manifest {full} has a header but no sample rows.");

        string baseDir = Path.GetFullPath(options.BaseDirectory ?? Path.GetDirectoryName(full)!);
        int needed = Math.Max(pathColumn, labelColumn) + 1;
        var paths = new string[data.Count];
        var labels = new string[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            (int line, string[] fields) = data[i];
            if (fields.Length < needed)
                throw new InvalidDataException($"Manifest {full}, line {line}: {fields.Length} field(s); expected at least {needed} (path and label).");
            if (fields[pathColumn].Length == 0) throw new InvalidDataException($"Manifest {full}, line {line}: empty path.");
            if (fields[labelColumn].Length == 0) throw new InvalidDataException($"Manifest {full}, line {line}: empty label.");
            paths[i] = Path.GetFullPath(Path.Combine(baseDir, fields[pathColumn]));
            labels[i] = fields[labelColumn];
        }
        (int[] indices, IReadOnlyList<string> classes) = MapLabels(labels, data, options.Classes, full);
        FileSample[] samples = paths.Select((p, i) => new FileSample(p, indices[i])).ToArray();
        return new ManifestDataset(full, samples, classes, options.Loader ?? (path => ImageDecoder.Decode(path, ImageMode.Rgb)));
    }

    private static bool LooksLikeHeader(List<(int Line, string[] Fields)> rows)
    {
        string[] first = rows[0].Fields.Select(f => f.ToLowerInvariant()).ToArray();
        if (first.Any(s_pathNames.Contains) && first.Any(s_labelNames.Contains)) return true;
        if (first.Length < 2 || rows.Count < 2) return false;
        // A non-numeric label on the first line while every other line's label is a number.
        return !IsInteger(first[1]) && rows.Skip(1).All(r => r.Fields.Length > 1 && IsInteger(r.Fields[1]));
    }

    private static int Column(string[]? names, string? requested, string[] candidates, int fallback, string manifest, string what)
    {
        if (requested is not null)
        {
            if (names is null) throw new ArgumentException($"Manifest {manifest}: {what} column '{requested}' was named, but the manifest has no header.");
            int index = Array.IndexOf(names, requested.ToLowerInvariant());
            if (index < 0) throw new ArgumentException($"Manifest {manifest}: no column '{requested}' in the header [{string.Join(", ", names)}].");
            return index;
        }
        if (names is not null)
        {
            foreach (string candidate in candidates)
            {
                int index = Array.IndexOf(names, candidate);
                if (index >= 0) return index;
            }
        }
        return fallback;
    }

    private static (int[] Indices, IReadOnlyList<string> Classes) MapLabels(string[] labels, List<(int Line, string[] Fields)> rows,
        IReadOnlyList<string>? classes, string manifest)
    {
        var indices = new int[labels.Length];
        if (classes is null && labels.All(IsInteger))
        {
            for (int i = 0; i < labels.Length; i++)
            {
                indices[i] = int.Parse(labels[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
                if (indices[i] < 0) throw new InvalidDataException($"Manifest {manifest}, line {rows[i].Line}: negative label {indices[i]}.");
            }
            int max = indices.Max();
            return (indices, Enumerable.Range(0, max + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        }
        IReadOnlyList<string> names = classes ?? labels.Distinct().OrderBy(l => l, StringComparer.Ordinal).ToArray();
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++) map.TryAdd(names[i], i);
        for (int i = 0; i < labels.Length; i++)
        {
            if (map.TryGetValue(labels[i], out int index)) indices[i] = index;
            else if (IsInteger(labels[i]) && int.Parse(labels[i], CultureInfo.InvariantCulture) is int k && k >= 0 && k < names.Count) indices[i] = k;
            else
                throw new InvalidDataException(
                    $"Manifest {manifest}, line {rows[i].Line}: label '{labels[i]}' is not one of the classes [{string.Join(", ", names)}] nor an index below {names.Count}.");
        }
        return (indices, names);
    }

    private static bool IsInteger(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
