using System.Globalization;

namespace ModelZoo.Models.Tests.Support;

/// <summary>A torchvision state_dict layout committed under tests/fixtures/models/keys/NAME.txt (made by
/// make_classic_keys.py with real torchvision 0.14): one "key TAB comma-separated shape" line per entry, in
/// torchvision's state_dict order.</summary>
internal sealed record TorchvisionKeyList(string Model, IReadOnlyList<(string Key, long[] Shape)> Entries)
{
    public static TorchvisionKeyList Load(string model)
    {
        string path = RepoPaths.Fixtures("models", "keys", model + ".txt");
        var entries = File.ReadAllLines(path)
            .Where(l => l.Length > 0)
            .Select(l =>
            {
                string[] parts = l.Split('\t');
                long[] shape = parts[1].Length == 0
                    ? Array.Empty<long>()
                    : parts[1].Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
                return (parts[0], shape);
            })
            .ToList();
        return new TorchvisionKeyList(model, entries);
    }

    public IEnumerable<string> Keys => Entries.Select(e => e.Key);

    public int IndexOf(string key)
    {
        for (int i = 0; i < Entries.Count; i++)
            if (Entries[i].Key == key) return i;
        throw new KeyNotFoundException($"{key} is not in torchvision's {Model} state_dict.");
    }
}
