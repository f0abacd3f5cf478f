using ModelZoo.Models.Weights.ModelZooFormat;
using ModelZoo.Models.Weights.PyTorch;
using ModelZoo.Models.Weights.SafetensorsFormat;
using ModelZoo.Models.Weights.TorchSharpFormat;
namespace ModelZoo.Models.Weights;

/// <summary>Reads a state dict from any supported weights file, recognised by its first bytes (not its name):
/// PyTorch zip (torch ≥ 1.6) or legacy pickle, safetensors, or TorchSharp's <c>.dat</c>.</summary>
public static class WeightFile
{
    public static WeightFileFormat Detect(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file not found: {path}", path);
        Span<byte> head = stackalloc byte[9];
        int n;
        using (FileStream s = File.OpenRead(path)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4) return WeightFileFormat.PyTorchZip;
        if (n >= 2 && head[0] == 0x80 && head[1] <= 5) return WeightFileFormat.PyTorchLegacy;
        if (n >= 9 && head[8] == (byte)'{' && BitConverter.ToUInt64(head[..8]) < (ulong)new FileInfo(path).Length) return WeightFileFormat.Safetensors;
        if (n >= 8 && head[..8].SequenceEqual(ModelZooCheckpoint.Magic)) return WeightFileFormat.ModelZooCheckpoint;
        return WeightFileFormat.TorchSharp;
    }

    /// <summary>The file's tensors by name (for nested PyTorch checkpoints, the state dict found by
    /// <see cref="PyTorchCheckpoint.StateDict"/>, or <paramref name="key"/>). The caller owns the result.</summary>
    public static TensorDict ReadStateDict(string path, string? key = null) => Detect(path) switch
    {
        WeightFileFormat.PyTorchZip or WeightFileFormat.PyTorchLegacy => PyTorchCheckpoint.LoadStateDict(path, key),
        WeightFileFormat.Safetensors => Safetensors.Load(path),
        WeightFileFormat.ModelZooCheckpoint => throw new InvalidDataException(
            $"{path} is a ModelZoo checkpoint, not a state dict; load it with ModelZooCheckpoint.Load or ModelResolver.Resolve."),
        _ => ReadUnrecognised(path),
    };

    /// <summary>TorchSharp's <c>.dat</c> has no signature, so it is what a file without a known one is read as; when
    /// that fails too, the error says so and shows the first bytes in hex.</summary>
    private static TensorDict ReadUnrecognised(string path)
    {
        try
        {
            return TorchSharpWeights.Read(path);
        }
        catch (InvalidDataException e)
        {
            var head = new byte[16];
            int n;
            using (FileStream s = File.OpenRead(path)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            string reason = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            throw new InvalidDataException($"{path}: not a recognised weights file (it starts with {(n == 0 ? "nothing: 0 bytes" : PrintableText.Hex(head.AsSpan(0, n)))}; "
                + "expected a PyTorch zip (50 4B 03 04) or legacy pickle (80 02), safetensors, a ModelZoo checkpoint or a TorchSharp .dat), "
                + $"and as a TorchSharp .dat: {reason.TrimEnd('.')}.", e);
        }
    }
}

