using System.IO.Compression;
using System.Text;
using ModelZoo.Models.Weights.Pickle;

namespace ModelZoo.Models.Weights.PyTorch;

/// <summary>
/// Reads the zip format of <c>torch.save</c> (torch ≥ 1.6): <c>&lt;prefix&gt;/data.pkl</c> (the object tree, storages
/// as persistent ids <c>('storage', StorageClass, key, location, numel)</c>), <c>&lt;prefix&gt;/data/&lt;key&gt;</c>
/// (raw storage bytes), optional <c>byteorder</c> ("little"/"big"), <c>version</c> and <c>.data/serialization_id</c>.
/// The prefix is the saved file's stem for torch 1.x ("resnet18-f37072fd/") and "archive/" for streams and newer
/// releases, so it is found from the data.pkl entry. Every entry's CRC-32 is checked against the zip directory while
/// it is read (storages in the same pass that fills the tensors), so damaged bytes are refused naming the entry.
/// </summary>
internal static class ZipCheckpointReader
{
    private const long MaxPickleBytes = 1L << 30;

    public static (object? Root, List<TorchSharp.torch.Tensor> Tensors) Read(Stream stream, string source)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: not a readable zip checkpoint ({e.Message}); the file may be truncated or corrupt.", e);
        }
        using (zip)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry e in zip.Entries) entries.TryAdd(e.FullName, e);
            string prefix = FindPrefix(entries.Keys, source);
            if (entries.ContainsKey(prefix + "constants.pkl") || entries.Keys.Any(k => k.StartsWith(prefix + "code/", StringComparison.Ordinal)))
                throw new InvalidDataException($"{source}: this is a TorchScript archive (torch.jit.save), which holds code as well as "
                    + "weights; it is not supported. In Python, load it with torch.jit.load and save model.state_dict() with torch.save.");

            bool bigEndian = false;
            if (entries.TryGetValue(prefix + "byteorder", out ZipArchiveEntry? order))
            {
                string text = Encoding.ASCII.GetString(ReadAll(order, 64, source)).Trim();
                bigEndian = text switch
                {
                    "little" => false,
                    "big" => true,
                    _ => throw new InvalidDataException($"{source}: the byteorder entry says '{PrintableText.Escape(text)}'; expected 'little' or 'big'."),
                };
            }

            var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);
            object? Persistent(object? pid)
            {
                StorageRef s = StorageId(pid, source);
                if (storages.TryGetValue(s.Key, out StorageRef? seen) && seen.Type.Size * seen.Numel != s.Type.Size * s.Numel)
                    throw new InvalidDataException($"{source}: storage '{PrintableText.Escape(s.Key)}' is declared with two different sizes.");
                if (!entries.ContainsKey(prefix + "data/" + s.Key))
                    throw new InvalidDataException($"{source}: the pickle refers to storage '{PrintableText.Escape(s.Key)}' but the archive has no entry '{PrintableText.Escape(prefix + "data/" + s.Key)}'.");
                storages[s.Key] = s;
                return s;
            }

            byte[] pickle = ReadAll(entries[prefix + "data.pkl"], MaxPickleBytes, source);
            object? tree;
            using (var pickleStream = new MemoryStream(pickle, writable: false))
                tree = TorchAllowList.Load(pickleStream, source, Persistent);

            var streams = new List<Crc32CheckedStream>();
            (Stream, long) Open(StorageRef storage, ElementType type)
            {
                ZipArchiveEntry entry = entries[prefix + "data/" + storage.Key];
                long declared;
                try { declared = checked(storage.Numel * storage.Type.Size); }
                catch (OverflowException) { declared = long.MaxValue; }
                if (declared > entry.Length)
                    throw new InvalidDataException($"{source}: storage '{PrintableText.Escape(storage.Key)}' declares {storage.Numel} {storage.Type} elements "
                        + $"({declared} bytes) but its entry holds {entry.Length} bytes.");
                CheckClaimedLength(entry, stream.Length, "storage entry", source);
                var data = new Crc32CheckedStream(entry.Open(), entry.Crc32, entry.Length, entry.FullName, source);
                streams.Add(data);
                return (data, declared);
            }

            try
            {
                using var materializer = new TensorMaterializer(source, Open, bigEndian);
                var created = new List<TorchSharp.torch.Tensor>();
                try
                {
                    object? root = CheckpointTree.Materialize(tree, materializer.Materialize, created);
                    VerifyUnread(zip, streams.Select(s => s.Entry).Append(prefix + "data.pkl").Append(prefix + "byteorder"), stream.Length, source);
                    return (root, created);
                }
                catch
                {
                    foreach (var t in created) t.Dispose();
                    throw;
                }
            }
            catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{source}: {e.Message}", e);
            }
            finally
            {
                foreach (Stream s in streams) s.Dispose();
            }
        }
    }

    private static string FindPrefix(IEnumerable<string> names, string source)
    {
        string[] pickles = names.Where(n => n == "data.pkl" || (n.EndsWith("/data.pkl", StringComparison.Ordinal) && n.Count(c => c == '/') == 1)).ToArray();
        if (pickles.Length == 1) return pickles[0][..^"data.pkl".Length];
        if (pickles.Length == 0)
            throw new InvalidDataException($"{source}: a zip file without a '<prefix>/data.pkl' entry, so not a torch.save checkpoint "
                + $"(entries: {string.Join(", ", names.Take(10).Select(n => PrintableText.Escape(n)))}{(names.Count() > 10 ? ", ..." : "")}).");
        throw new InvalidDataException($"{source}: the zip holds several checkpoints ({string.Join(", ", pickles.Select(n => PrintableText.Escape(n)))}); expected one '<prefix>/data.pkl'.");
    }

    internal static StorageRef StorageId(object? pid, string source)
    {
        if (pid is not object?[] { Length: >= 5 } t || t[0] is not string typename)
            throw new InvalidDataException($"{source}: unexpected persistent id {TorchAllowList.Describe(pid)}; expected ('storage', type, key, location, numel).");
        if (typename == "module")
            throw new InvalidDataException($"{source}: the file holds a pickled nn.Module (torch.save(model)), which needs its Python class; "
                + "save model.state_dict() instead.");
        if (typename != "storage" || TorchAllowList.StorageClass(t[1]) is not { } type
            || t[2] is not string key || t[4] is not long numel || numel < 0)
            throw new InvalidDataException($"{source}: malformed storage persistent id ({string.Join(", ", t.Select(TorchAllowList.Describe))}).");
        long viewOffset = 0;
        if (t.Length >= 6 && t[5] is object?[] { Length: 3 } view)
        {
            if (view[1] is not long off || off < 0) throw new InvalidDataException($"{source}: malformed storage view of '{PrintableText.Escape(key)}'.");
            viewOffset = off;
        }
        return new StorageRef(key, type, numel, t[3] as string ?? "cpu", viewOffset);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry, long max, string source)
    {
        if (entry.Length > max)
            throw new InvalidDataException($"{source}: entry '{PrintableText.Escape(entry.FullName)}' is {entry.Length} bytes; at most {max} are accepted.");
        using Stream s = entry.Open();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = s.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > entry.Length)
                throw new InvalidDataException($"{source}: entry '{PrintableText.Escape(entry.FullName)}' holds more bytes than its header says.");
        }
        if (buffer.Length != entry.Length)
            throw new InvalidDataException($"{source}: entry '{PrintableText.Escape(entry.FullName)}' is truncated ({buffer.Length} of {entry.Length} bytes).");
        Crc32CheckedStream.Check(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), entry.Crc32, entry.FullName, source);
        return buffer.ToArray();
    }

    /// <summary>Checks the CRC-32 of the entries nothing read (version, serialization id, storages no tensor uses), so
    /// every entry of an accepted file is intact.</summary>
    private static void VerifyUnread(ZipArchive zip, IEnumerable<string> read, long fileLength, string source)
    {
        var done = new HashSet<string>(read, StringComparer.Ordinal);
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            if (!done.Add(entry.FullName) || entry.FullName.EndsWith('/')) continue;
            CheckClaimedLength(entry, fileLength, "zip entry", source);
            using var check = new Crc32CheckedStream(entry.Open(), entry.Crc32, entry.Length, entry.FullName, source);
            check.Verify();
        }
    }

    /// <summary>Refuses an entry whose header claims more than a file of <paramref name="fileLength"/> bytes could hold
    /// (compressed larger than the file, or inflating beyond deflate's ~1030:1 ceiling), before anything reads it.</summary>
    private static void CheckClaimedLength(ZipArchiveEntry entry, long fileLength, string what, string source)
    {
        if (entry.CompressedLength > fileLength || entry.Length > entry.CompressedLength * 1100 + 4096)
            throw new InvalidDataException($"{source}: {what} '{PrintableText.Escape(entry.FullName)}' claims {entry.Length} bytes, more than the file could hold.");
    }
}
