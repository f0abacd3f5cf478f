namespace ModelZoo.Models.Resolution;

/// <summary>What the weights a user named turned out to be (see <see cref="ModelResolver"/>).</summary>
public enum WeightsSource
{
    /// <summary>A catalog name (DEFAULT, IMAGENET1K_V1, ...): torchvision's published file, cached or downloaded.</summary>
    Catalog,

    /// <summary>A state-dict file: PyTorch .pth/.pt (zip or legacy), safetensors or TorchSharp .dat.</summary>
    File,

    /// <summary>A ModelZoo checkpoint (.ckpt) written by `modelzoo train` or `finetune`.</summary>
    Checkpoint,
}
