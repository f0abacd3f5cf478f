namespace ModelZoo.Training.Callbacks;

/// <summary>How <see cref="GradientClipping"/> limits gradients.</summary>
public enum GradientClipMode
{
    /// <summary>Scale all gradients so their total L2 norm is at most the limit (<c>clip_grad_norm_</c>).</summary>
    Norm,

    /// <summary>Clamp every element to [-limit, limit] (<c>clip_grad_value_</c>).</summary>
    Value,
}
