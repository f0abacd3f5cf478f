using ModelZoo.Data.Datasets.Common;
using ModelZoo.Data.Imaging;

namespace ModelZoo.Data.Tests;

/// <summary>A test dataset of small images whose pixels encode the index; chosen indices throw (like unreadable
/// files), and every read can be slowed down to test cancellation.</summary>
internal sealed class ScriptedDataset : IClassificationDataset, IFileDataset
{
    private readonly HashSet<int> _failing;
    private int _reads;

    public ScriptedDataset(int count, IEnumerable<int>? failing = null, int delayMs = 0, int size = 8, int classes = 4)
    {
        Count = count;
        _failing = new HashSet<int>(failing ?? Array.Empty<int>());
        DelayMs = delayMs;
        Size = size;
        Classes = Enumerable.Range(0, classes).Select(i => $"class{i}").ToArray();
    }

    public int Count { get; }
    public int DelayMs { get; }
    public int Size { get; }
    public IReadOnlyList<string> Classes { get; }
    public int Reads => Volatile.Read(ref _reads);

    public ImageSample this[int index]
    {
        get
        {
            Interlocked.Increment(ref _reads);
            if (DelayMs > 0) Thread.Sleep(DelayMs);
            if (_failing.Contains(index)) throw new InvalidDataException($"corrupt sample file {SamplePath(index)}");
            var image = new ImageBuffer(Size, Size, 3);
            for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (byte)((index * 31 + i * 7) % 251);
            return new ImageSample(image, index % Classes.Count);
        }
    }

    public string SamplePath(int index) => $"/data/scripted/{index:D5}.png";
}
