using System.Diagnostics;
using System.IO.Compression;
using System.IO.Hashing;
using ModelZoo.Models.Weights.PyTorch;

namespace ModelZoo.Bench;

/// <summary>
/// What verifying zip entry CRC-32s costs when loading a torch.save zip checkpoint: the median time of
/// <see cref="PyTorchCheckpoint.Load(string)"/> (which checks every entry's CRC-32 while reading), and of reading every
/// entry's bytes through the same <see cref="ZipArchive"/> path without and with a CRC-32 over them. The CRC cost is
/// the difference of the last two, reported as a fraction of the load time.
/// </summary>
internal static class CheckpointCrcBench
{
    public static int Run(string path, int repeats)
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"No file {path}; make one, e.g. /usr/bin/python3 -c \"import torch; torch.save({{f't{{i}}': torch.randn(12_500_000) for i in range(10)}}, '{path}')\"");
            return 2;
        }
        long bytes = new FileInfo(path).Length;
        Console.WriteLine($"{path}: {bytes / 1e6:F1} MB, {repeats} repeats (after one warm-up), median times");
        double load = Median(repeats, () => { using var c = PyTorchCheckpoint.Load(path); });
        double read = Median(repeats, () => ReadEntries(path, crc: false));
        double readCrc = Median(repeats, () => ReadEntries(path, crc: true));
        double cost = Math.Max(0, readCrc - read);
        Console.WriteLine($"  PyTorchCheckpoint.Load (CRC-32 checked) {load * 1000,8:F1} ms");
        Console.WriteLine($"  read every entry                       {read * 1000,8:F1} ms");
        Console.WriteLine($"  read every entry + CRC-32              {readCrc * 1000,8:F1} ms   ({bytes / 1e9 / Math.Max(1e-9, readCrc - read):F1} GB/s of CRC)");
        Console.WriteLine($"  CRC-32 cost: {cost * 1000:F1} ms = {cost / load:P1} of the load time");
        return 0;
    }

    private static void ReadEntries(string path, bool crc)
    {
        using var zip = ZipFile.OpenRead(path);
        var buffer = new byte[1 << 20];
        var hash = new Crc32();
        foreach (ZipArchiveEntry entry in zip.Entries)
        {
            using Stream s = entry.Open();
            int n;
            while ((n = s.Read(buffer)) > 0)
                if (crc) hash.Append(buffer.AsSpan(0, n));
        }
    }

    private static double Median(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times[i] = watch.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
