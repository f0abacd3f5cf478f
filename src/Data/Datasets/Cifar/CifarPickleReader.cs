using System.Globalization;
using System.Text;
using ModelZoo.Core.Pickle;
using ModelZoo.Data.Datasets.Cifar.Pickle;

namespace ModelZoo.Data.Datasets.Cifar;

/// <summary>
/// Reads the CIFAR python version (the pickled dicts torchvision loads): "data" is a uint8 numpy array
/// [N, 3072] and "labels" (CIFAR-10) or "fine_labels" + "coarse_labels" (CIFAR-100) are lists of ints. Uses a
/// restricted reader that executes nothing (<see cref="RestrictedUnpickler"/> with <see cref="NumpyAllowList"/>).
/// </summary>
public static class CifarPickleReader
{
    public static CifarRecords Read(string path, CifarVariant variant)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"CIFAR pickle file not found: {path}", path);
        Dictionary<string, object?> dict = Load(path)
            ?? throw new InvalidDataException($"CIFAR pickle file {path} does not hold a dict.");
        if (!dict.TryGetValue("data", out object? data) || data is not PickleNdArray array)
            throw new InvalidDataException($"CIFAR pickle file {path} has no 'data' array (keys: {string.Join(", ", dict.Keys)}).");
        if (array.Dtype?.Code is not ("u1" or "|u1") || array.Shape.Length != 2 || array.Shape[1] != CifarFiles.ImageBytes || array.FortranOrder)
            throw new InvalidDataException(
                $"CIFAR pickle file {path}: 'data' is a {array.Dtype?.Code} array of shape [{string.Join(", ", array.Shape)}]; expected uint8 [N, {CifarFiles.ImageBytes}] in C order.");
        long n = array.Shape[0];
        if (array.Data.Length != n * CifarFiles.ImageBytes)
            throw new InvalidDataException($"CIFAR pickle file {path}: 'data' holds {array.Data.Length} bytes; shape [{n}, {CifarFiles.ImageBytes}] needs {n * CifarFiles.ImageBytes}.");
        if (variant == CifarVariant.Cifar100)
            return new CifarRecords(array.Data, Labels(dict, "fine_labels", n, 100, path), Labels(dict, "coarse_labels", n, 20, path));
        return new CifarRecords(array.Data, Labels(dict, "labels", n, 10, path), null);
    }

    /// <summary>The list of strings stored under <paramref name="key"/> in a meta pickle, or null.</summary>
    public static IReadOnlyList<string>? ReadNames(string path, string key)
    {
        if (!File.Exists(path)) return null;
        if (Load(path) is not { } dict || !dict.TryGetValue(key, out object? value) || value is not List<object?> list)
            return null;
        return list.Select(v => v switch
        {
            string s => s,
            byte[] b => Encoding.Latin1.GetString(b),
            _ => throw new InvalidDataException($"CIFAR meta file {path}: '{key}' holds a non-text entry."),
        }).ToArray();
    }

    /// <summary>The pickled dict with its keys as text (Python 2 str and bytes keys decoded as latin-1, as torchvision's
    /// <c>encoding="latin1"</c> does), or null when the pickle holds something else.</summary>
    private static Dictionary<string, object?>? Load(string path)
    {
        if (RestrictedUnpickler.Load(path, NumpyAllowList.Instance) is not PickleDict dict) return null;
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((object key, object? value) in dict)
            fields[key switch
            {
                string s => s,
                byte[] b => Encoding.Latin1.GetString(b),
                _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "",
            }] = value;
        return fields;
    }

    private static byte[] Labels(Dictionary<string, object?> dict, string key, long count, int classes, string path)
    {
        if (!dict.TryGetValue(key, out object? value) || value is not List<object?> list)
            throw new InvalidDataException($"CIFAR pickle file {path} has no '{key}' list (keys: {string.Join(", ", dict.Keys)}).");
        if (list.Count != count)
            throw new InvalidDataException($"CIFAR pickle file {path}: {list.Count} entries in '{key}' for {count} images.");
        var labels = new byte[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not long l || l < 0 || l >= classes)
                throw new InvalidDataException($"CIFAR pickle file {path}: '{key}'[{i}] is {list[i] ?? "None"}; expected an integer in 0..{classes - 1}.");
            labels[i] = (byte)l;
        }
        return labels;
    }
}
