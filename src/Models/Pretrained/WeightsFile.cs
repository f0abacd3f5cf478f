using ModelZoo.Models.Weights;

namespace ModelZoo.Models.Pretrained;

/// <summary>Reads the state dict of a weights file, whatever its format (torch.save zip or legacy pickle).</summary>
public static class WeightsFile
{
    /// <summary>The name → tensor dictionary in <paramref name="path"/> (the caller disposes it).</summary>
    public static TensorDict ReadStateDict(string path, string? stateDictKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Weights file not found: {Path.GetFullPath(path)}.", path);
        return PyTorchCheckpoint.LoadStateDict(path, stateDictKey);
    }
}
