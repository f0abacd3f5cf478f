namespace ModelZoo.Models.Inference;

/// <summary>The number format a model runs inference in. Weights are converted once after batch-norm folding (in
/// float32); inputs are converted on the way in and logits come back as float32.</summary>
public enum InferencePrecision
{
    /// <summary>float32 (default): equal to the plain model to about 1e-5.</summary>
    Fp32,

    /// <summary>bfloat16 weights and activations: fast on CPUs with AVX-512 BF16 or AMX (oneDNN), emulated (slow) elsewhere.</summary>
    Bf16,

    /// <summary>float16 weights and activations, for CUDA devices only.</summary>
    Fp16,
}
