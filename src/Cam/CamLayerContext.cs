namespace ModelZoo.Cam;

/// <summary>
/// What a method sees of one explained layer: the batch, the model's logits, the target classes, the layer's activations
/// and (for gradient methods) the gradients of the summed target scores with respect to them. Every tensor belongs to
/// the dispose scope of the running <see cref="CamBase.Compute(Tensor, IReadOnlyList{int}?, CancellationToken)"/>.
/// </summary>
/// <param name="layer">The module path.</param>
/// <param name="input">The model input [N, C, H, W].</param>
/// <param name="logits">The logits [N, classes] (no autograd history).</param>
/// <param name="classes">The target class per image, int64 [N].</param>
/// <param name="activations">The layer's output A, [N, K, h, w] (no autograd history).</param>
/// <param name="gradients">∂(Σ_n score_n[class_n]) / ∂A, [N, K, h, w]; null for gradient-free methods.</param>
/// <param name="cancellationToken">Cancels the running computation.</param>
public sealed class CamLayerContext(string layer, Tensor input, Tensor logits, Tensor classes, Tensor activations, Tensor? gradients,
    CancellationToken cancellationToken)
{
    /// <summary>The module path.</summary>
    public string Layer { get; } = layer;

    /// <summary>The model input [N, C, H, W].</summary>
    public Tensor Input { get; } = input;

    /// <summary>The logits [N, classes] (no autograd history).</summary>
    public Tensor Logits { get; } = logits;

    /// <summary>The target class per image, int64 [N].</summary>
    public Tensor Classes { get; } = classes;

    /// <summary>The layer's output A, [N, K, h, w] (no autograd history).</summary>
    public Tensor Activations { get; } = activations;

    /// <summary>∂(Σ_n score_n[class_n]) / ∂A, [N, K, h, w]; null for gradient-free methods.</summary>
    public Tensor? Gradients { get; } = gradients;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The gradients, or an exception naming the method's mistake (it did not ask for them).</summary>
    public Tensor RequireGradients() =>
        Gradients ?? throw new InvalidOperationException("This method did not ask for gradients; override UsesGradients to return true.");
}
