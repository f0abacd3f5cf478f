using ModelZoo.Core;
using ModelZoo.Models.Pretrained;

namespace ModelZoo.Cli.Output;

/// <summary>Reports weights downloads on stderr: a line per 10 % (or per 32 MiB when the size is unknown) and one at the end.</summary>
internal sealed class DownloadConsole
{
    private readonly CliContext _context;
    private int _lastStep = -1;

    public DownloadConsole(CliContext context) => _context = context;

    public IProgress<WeightsDownloadProgress> Progress => new ProgressAdapter<WeightsDownloadProgress>(OnProgress);

    private void OnProgress(WeightsDownloadProgress p)
    {
        int step = p.Fraction is { } f ? (int)(f * 10) : (int)(p.BytesReceived >> 25);
        bool done = p.TotalBytes is { } total && p.BytesReceived >= total;
        if (step == _lastStep && !done) return;
        _lastStep = step;
        string size = p.TotalBytes is { } t ? $" of {t / 1048576.0:F1} MiB" : "";
        _context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"downloading {p.FileName}: {p.BytesReceived / 1048576.0:F1} MiB{size}{(p.Fraction is { } fr ? $" ({fr:P0})" : "")}"));
    }
}
