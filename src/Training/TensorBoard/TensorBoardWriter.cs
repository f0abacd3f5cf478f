using System.Globalization;

namespace ModelZoo.Training.TensorBoard;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.SECONDS.HOST.PID.N.modelzoo</c>) in a log directory:
/// TFRecord-framed <c>Event</c> protocol buffers, starting with the file-version record, then scalars and PNG images.
/// Each record is flushed to the OS when written, so TensorBoard sees a live run and a crash loses nothing written.
/// Point TensorBoard at the directory: <c>tensorboard --logdir DIR</c>.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private static int s_counter;
    private readonly FileStream _stream;
    private readonly Func<double> _clock;

    /// <param name="clock">Seconds since the Unix epoch for each event's wall time (default: now); tests pin it.</param>
    public TensorBoardWriter(string directory, Func<double>? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _clock = clock ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        string host = string.Concat(Environment.MachineName.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_'));
        FilePath = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{(host.Length > 0 ? host : "host")}.{Environment.ProcessId}.{Interlocked.Increment(ref s_counter)}.modelzoo"));
        _stream = new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        Write(EventEncoder.FileVersion(_clock()));
    }

    public string Directory { get; }
    public string FilePath { get; }

    /// <summary>A scalar (TensorBoard's Scalars tab) at <paramref name="step"/>; stored as float32, as TensorBoard does.</summary>
    public void AddScalar(string tag, double value, long step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        Write(EventEncoder.Scalar(_clock(), step, tag, (float)value));
    }

    /// <summary>A PNG image (TensorBoard's Images tab) of <paramref name="width"/>×<paramref name="height"/> RGBA pixels.</summary>
    public void AddImage(string tag, byte[] png, int width, int height, long step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentNullException.ThrowIfNull(png);
        if (width < 1 || height < 1) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: image size must be positive.");
        Write(EventEncoder.Image(_clock(), step, tag, height, width, 4, png));
    }

    public void Flush() => _stream.Flush(flushToDisk: true);

    public void Dispose() => _stream.Dispose();

    private void Write(byte[] record)
    {
        ObjectDisposedException.ThrowIf(!_stream.CanWrite, this);
        TfRecord.Write(_stream, record);
        _stream.Flush();
    }
}
