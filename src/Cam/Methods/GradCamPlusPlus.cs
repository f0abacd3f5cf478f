namespace ModelZoo.Cam.Methods;

/// <summary>
/// Grad-CAM++ (Chattopadhay et al. 2018), in pytorch-grad-cam's closed form: with g = ∂y_c/∂A,
/// a_ij = g² / (2g² + Σ_ij A · g³ + ε) where g ≠ 0 (else 0), w_k = Σ_ij ReLU(g) · a_ij, map = Σ_k w_k A_k (ε = 1e-6).
/// </summary>
public sealed class GradCamPlusPlus(ImageClassifier model, CamOptions? options = null) : GradientCamBase(model, options)
{
    private const double Epsilon = 1e-6;

    public override string Name => "gradcam++";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor g = layer.RequireGradients(), a = layer.Activations;
        Tensor g2 = g.pow(2), g3 = g.pow(3);
        Tensor sumA = a.sum(new long[] { 2, 3 }, keepdim: true);
        Tensor aij = g2 / (2 * g2 + sumA * g3 + Epsilon);
        aij = torch.where(g.ne(0), aij, torch.zeros_like(aij));
        Tensor weights = (g.relu() * aij).sum(new long[] { 2, 3 }, keepdim: true);
        return (weights * a).sum(1);
    }
}
