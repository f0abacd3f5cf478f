
namespace ModelZoo.Training;

/// <summary>Device selection: CUDA when present unless told otherwise.</summary>
public static class Devices
{
    public static Device Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !torch.cuda.is_available())
            throw new ArgumentException($"Device '{name}' was requested but CUDA is not available (this build uses the CPU libtorch; see README: TorchBackend=cuda).");
        try { return torch.device(name); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException($"Unknown device '{name}'. Expected cpu, cuda or cuda:N.", ex);
        }
    }
}
